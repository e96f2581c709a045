import { segmentFilterSchema } from '../services/segments/segment-filter';
import { z } from '../zod';
import { listQueryShape, recordShape } from './common.schema';

export const segmentCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).nullish(),
    filter: segmentFilterSchema,
  })
  .openapi('SegmentInput');

export const segmentUpdateSchema = segmentCreateSchema.partial().openapi('SegmentUpdate');

export const segmentSchema = z
  .object({ ...recordShape, name: z.string(), description: z.string().nullable(), filter: segmentFilterSchema })
  .openapi('Segment');

export const segmentListQuery = z.strictObject({ ...listQueryShape }).openapi('SegmentListQuery');

export const segmentPreviewInput = z
  .strictObject({ filter: segmentFilterSchema, sampleSize: z.number().int().min(0).max(50).default(10) })
  .openapi('SegmentPreviewInput');

export const segmentPreviewSchema = z
  .object({
    count: z.number().int(),
    sample: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        visitCount: z.number().int(),
        lastVisitAt: z.string().nullable(),
        tags: z.array(z.string()),
      }),
    ),
  })
  .openapi('SegmentPreview');

export type SegmentInput = z.output<typeof segmentCreateSchema>;
export type SegmentListQuery = z.output<typeof segmentListQuery>;
export type SegmentPreview = z.output<typeof segmentPreviewSchema>;
