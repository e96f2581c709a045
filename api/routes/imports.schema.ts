import { importKinds } from '../../db/entities/import-job';
import { z } from '../zod';

export const importUploadSchema = z
  .strictObject({ kind: z.enum(importKinds).openapi({ description: 'What the CSV holds' }) })
  .openapi('ImportUpload');

export const importCommitSchema = z
  .strictObject({
    skipInvalid: z.boolean().optional().openapi({ description: 'Import the valid rows and leave out the rows with errors' }),
  })
  .openapi('ImportCommit');

const rowError = z.object({ line: z.number().int(), field: z.string(), reason: z.string(), code: z.string() });

export const importSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(importKinds),
    fileName: z.string(),
    status: z.enum(['previewed', 'running', 'completed', 'failed']),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    invalidRows: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(rowError),
    skipInvalid: z.boolean(),
    processedRows: z.number().int(),
    importedRows: z.number().int(),
    progress: z.number(),
    failure: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    sample: z.array(z.object({ line: z.number().int(), data: z.record(z.string(), z.unknown()) })).optional(),
  })
  .openapi('Import');

export const importColumnsSchema = z
  .record(z.enum(importKinds), z.array(z.object({ field: z.string(), required: z.boolean(), aliases: z.array(z.string()) })))
  .openapi('ImportColumns');
