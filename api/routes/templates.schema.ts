import { messageChannels } from '../../db/entities';
import { z } from '../zod';
import { listQueryShape, recordShape } from './common.schema';

const channel = z.enum(messageChannels);

export const templateCreateSchema = z
  .strictObject({
    key: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, . _ - (automations reference templates by this key)'),
    name: z.string().trim().min(1).max(200),
    channel,
    subject: z.string().max(300).nullish(),
    body: z.string().max(10_000),
    /** Twilio's Content SID of the WhatsApp template Meta approved for this text (sent outside the 24 h window). */
    whatsappContentSid: z
      .string()
      .trim()
      .regex(/^HX[0-9a-f]{32}$/, 'must be a Twilio Content SID: HX and 32 hex digits')
      .nullish()
      .openapi({ description: 'WhatsApp only: the approved template sent outside the 24-hour window' }),
  })
  .openapi('TemplateInput');

export const templateUpdateSchema = templateCreateSchema.partial().openapi('TemplateUpdate');

export const templateSchema = z
  .object({
    id: recordShape.id,
    key: z.string(),
    name: z.string(),
    channel,
    subject: z.string().nullable(),
    body: z.string(),
    whatsappContentSid: z.string().nullable(),
    system: z.boolean(),
    createdAt: recordShape.createdAt,
    updatedAt: recordShape.updatedAt,
  })
  .openapi('Template');

/** Templates are few and pickers load them in one page: up to 500 (other lists stop at 100). */
export const templateListQuery = z
  .strictObject({
    ...listQueryShape,
    limit: z.coerce.number().int().min(1).max(500).optional().openapi({ description: '1–500, default 25' }),
    channel: channel.optional(),
  })
  .openapi('TemplateListQuery');

export const previewSchema = z
  .strictObject({
    channel,
    subject: z.string().max(300).nullish(),
    body: z.string().max(10_000),
    appointmentId: z.uuid().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('TemplatePreviewInput');

export const previewResultSchema = z
  .object({
    subject: z.string().optional(),
    body: z.string(),
    sms: z
      .object({
        encoding: z.enum(['GSM-7', 'UCS-2']),
        length: z.number().int(),
        characters: z.number().int(),
        units: z.number().int(),
        segments: z.number().int(),
        perSegment: z.number().int(),
        nonGsmCharacters: z.array(z.string()),
      })
      .optional(),
    problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
    context: z.object({ source: z.enum(['appointment', 'sample', 'given']), appointmentId: z.uuid().optional() }),
  })
  .openapi('TemplatePreview');

export type TemplateInput = z.output<typeof templateCreateSchema>;
export type TemplateListQuery = z.output<typeof templateListQuery>;
export type PreviewInput = z.output<typeof previewSchema>;
