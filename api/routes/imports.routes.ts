import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type RequestHandler, Router } from 'express';
import multer from 'multer';
import { ImportJob } from '../../db/entities';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { IMPORT_SPECS } from '../services/imports/import-columns';
import { previewImport } from '../services/imports/preview-import';
import { presentImport, SAMPLE_ROWS } from '../services/imports/present-import';
import { startImport } from '../services/imports/run-import';
import { parseId, parseInput } from '../validate';
import type { z } from '../zod';
import { errorSchema } from './common.schema';
import { importColumnsSchema, importCommitSchema, importSchema, importUploadSchema } from './imports.schema';
import type { RouteModule } from './route-module';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const security = [{ bearerAuth: [] }];

const parser = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024 } }).single('file');

/** One CSV in the `file` field (≤ 20 MB), kept in memory for the preview. */
const csvUpload: RequestHandler = (req, res, next) => {
  parser(req, res, (error: unknown) => {
    if (!error) return next();
    const code = (error as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') return next(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB: split it`));
    if (code?.startsWith('LIMIT_')) return next(new AppError('VALIDATION_FAILED', `Upload refused: ${(error as Error).message}`, [{ path: 'file', message: (error as Error).message }]));
    next(error);
  });
};

function decodeCsv(file: Express.Multer.File | undefined): { fileName: string; text: string } {
  if (!file) throw new AppError('VALIDATION_FAILED', 'Attach the CSV file in the "file" field', [{ path: 'file', message: 'is required' }]);
  try {
    return { fileName: file.originalname || 'import.csv', text: new TextDecoder('utf-8', { fatal: true }).decode(file.buffer) };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The file is not UTF-8 text: save it as "CSV UTF-8"', [{ path: 'file', message: 'is not UTF-8 text' }]);
  }
}

function router(deps: ApiDeps): Router {
  const r = Router();
  const canImport = requireRole('owner', 'admin');
  const importDeps = { orm: deps.orm, temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, logger: deps.logger };

  r.get('/columns', (_req, res) => {
    res.json(Object.fromEntries(Object.values(IMPORT_SPECS).map((spec) => [spec.kind, spec.columns.map((c) => ({ field: c.field, required: Boolean(c.required), aliases: c.aliases ?? [] }))])));
  });

  r.get('/', async (req, res) => {
    const jobs = await ctxOf(req).em.find(ImportJob, {}, { orderBy: { createdAt: 'desc' }, limit: 20 });
    res.json({ items: jobs.map((job) => presentImport(job)), total: jobs.length });
  });

  r.post('/', canImport, csvUpload, async (req, res) => {
    const { kind } = parseInput(importUploadSchema, { ...req.body }, 'body');
    res.status(201).json(await previewImport(ctxOf(req), { kind, ...decodeCsv(req.file) }));
  });

  r.get('/:id', async (req, res) => {
    const ctx = ctxOf(req);
    const id = parseId(req.params.id, 'Import');
    const job = await ctx.em.findOne(ImportJob, { id });
    if (!job) throw notFound('Import', id);
    if (job.status !== 'previewed') return void res.json(presentImport(job));
    await ctx.em.populate(job, ['rows']);
    res.json(presentImport(job, job.rows.slice(0, SAMPLE_ROWS)));
  });

  r.post('/:id/commit', canImport, async (req, res) => {
    const { skipInvalid } = parseInput(importCommitSchema, req.body, 'body');
    res.status(202).json(await startImport(ctxOf(req), importDeps, parseId(req.params.id, 'Import'), { skipInvalid: skipInvalid ?? false }));
  });

  return r;
}

export const importsRoutes: RouteModule = {
  path: '/imports',
  router,
  document(registry: OpenAPIRegistry) {
    const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
    const err = (description: string) => ({ description, ...json(errorSchema) });
    registry.registerPath({
      method: 'get', path: '/api/imports/columns', tags: ['Imports'], security, summary: 'The columns each CSV kind accepts (with header aliases)',
      responses: { 200: { description: 'Per kind', ...json(importColumnsSchema) }, ...commonErrors },
    });
    registry.registerPath({
      method: 'get', path: '/api/imports', tags: ['Imports'], security, summary: 'The latest 20 imports',
      responses: { 200: { description: 'Imports, newest first', ...json(importSchema.array()) }, ...commonErrors },
    });
    registry.registerPath({
      method: 'post', path: '/api/imports', tags: ['Imports'], security, summary: 'Upload a CSV of customers, pets or vaccinations and preview it',
      description: 'multipart/form-data with `file` (CSV, UTF-8, ≤ 20 MB, ≤ 100,000 rows) and `kind`. Nothing is imported: every row is checked (cells, duplicates by email or phone, owners and pets) and the errors come back with their line, field and reason. Owner or admin.',
      request: { body: { required: true, content: { 'multipart/form-data': { schema: importUploadSchema } } } },
      responses: { 201: { description: 'The preview', ...json(importSchema) }, ...commonErrors, 400: err('A required column is missing, or the file is empty or not UTF-8'), 413: err('Too large') },
    });
    registry.registerPath({
      method: 'get', path: '/api/imports/{id}', tags: ['Imports'], security, summary: 'An import: its errors, and its progress while it runs (poll it)',
      request: { params: importSchema.pick({ id: true }) },
      responses: { 200: { description: 'The import', ...json(importSchema) }, ...commonErrors },
    });
    registry.registerPath({
      method: 'post', path: '/api/imports/{id}/commit', tags: ['Imports'], security, summary: 'Import the previewed rows, all in one transaction',
      description: 'Refused while rows have errors unless `skipInvalid` is true. Answers 202 at once; poll GET /api/imports/{id} for progress. Owner or admin.',
      request: { params: importSchema.pick({ id: true }), body: { required: false, ...json(importCommitSchema) } },
      responses: { 202: { description: 'Started', ...json(importSchema) }, ...commonErrors, 409: err('Already imported or running'), 422: err('IMPORT_HAS_ERRORS: rows have errors and skipInvalid is not set') },
    });
  },
};
