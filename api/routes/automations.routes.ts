import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { commonErrors } from '../openapi/describe-crud';
import { requireRole } from '../middleware/require-role';
import { automationCatalog } from '../services/automations/blank-definition';
import { changeAutomationStatus, type AutomationStatusChange } from '../services/automations/change-automation-status';
import { contextSchema } from '../services/automations/context-schema';
import { automationBody, findAutomationOrThrow } from '../services/automations/find-automation';
import { listAutomations } from '../services/automations/list-automations';
import { publishAutomation } from '../services/automations/publish-automation';
import { createAutomation, duplicateAutomation, updateAutomation } from '../services/automations/save-automation';
import { listVersions, restoreVersion } from '../services/automations/automation-versions';
import { simulateAutomation } from '../services/automations/simulate-automation';
import { validateForTenant } from '../services/automations/validate-for-tenant';
import { parseId, parseInput } from '../validate';
import type { z } from '../zod';
import {
  automationCreateSchema,
  automationListQuery,
  automationSchema,
  automationSummarySchema,
  automationTemplateSchema,
  automationUpdateSchema,
  contextSchemaResult,
  publishResultSchema,
  simulateSchema,
  simulationResultSchema,
  validateSchema,
  validationResultSchema,
  versionParams,
  versionSchema,
} from './automations.schema';
import { errorSchema, idParams, pageOf } from './common.schema';
import type { RouteModule } from './route-module';

const statusChanges: readonly AutomationStatusChange[] = ['pause', 'resume', 'archive'];

function router(deps: ApiDeps): Router {
  const r = Router();
  const canWrite = requireRole('owner', 'admin');
  const idOf = (value: unknown) => parseId(value, 'Automation');
  /** Publish and status changes keep a schedule trigger's Temporal Schedule in step. */
  const schedules = { temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE };

  r.get('/', async (req, res) => {
    res.json(await listAutomations(ctxOf(req), parseInput(automationListQuery, req.query, 'query')));
  });

  r.get('/templates', async (req, res) => {
    const items = await automationCatalog(ctxOf(req));
    res.json({ items, total: items.length });
  });

  r.get('/context-schema', async (req, res) => {
    res.json(await contextSchema(ctxOf(req)));
  });

  r.post('/validate', async (req, res) => {
    const { definition } = parseInput(validateSchema, req.body, 'body');
    const result = await validateForTenant(ctxOf(req), definition);
    res.json({ ok: result.ok, problems: result.problems });
  });

  r.post('/', canWrite, async (req, res) => {
    res.status(201).json(await createAutomation(ctxOf(req), parseInput(automationCreateSchema, req.body, 'body')));
  });

  r.get('/:id', async (req, res) => {
    const ctx = ctxOf(req);
    res.json(await automationBody(ctx, await findAutomationOrThrow(ctx.em, idOf(req.params.id))));
  });

  r.patch('/:id', canWrite, async (req, res) => {
    const id = idOf(req.params.id);
    res.json(await updateAutomation(ctxOf(req), id, parseInput(automationUpdateSchema, req.body, 'body')));
  });

  r.post('/:id/publish', canWrite, async (req, res) => {
    res.status(201).json(await publishAutomation(ctxOf(req), idOf(req.params.id), schedules));
  });

  for (const change of statusChanges) {
    r.post(`/:id/${change}`, canWrite, async (req, res) => {
      res.json(await changeAutomationStatus(ctxOf(req), idOf(req.params.id), change, schedules));
    });
  }

  r.post('/:id/duplicate', canWrite, async (req, res) => {
    res.status(201).json(await duplicateAutomation(ctxOf(req), idOf(req.params.id)));
  });

  r.get('/:id/versions', async (req, res) => {
    res.json(await listVersions(ctxOf(req), idOf(req.params.id)));
  });

  r.post('/:id/versions/:version/restore', canWrite, async (req, res) => {
    const { version } = parseInput(versionParams, { id: idOf(req.params.id), version: req.params.version }, 'path');
    res.json(await restoreVersion(ctxOf(req), idOf(req.params.id), version));
  });

  r.post('/:id/simulate', async (req, res) => {
    const input = parseInput(simulateSchema, req.body, 'body');
    res.json(await simulateAutomation({ ctx: ctxOf(req), orm: deps.orm, config: deps.config, automationId: idOf(req.params.id), input }));
  });

  return r;
}

function document(registry: OpenAPIRegistry): void {
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const err = (description: string) => ({ description, ...json(errorSchema) });
  const tags = ['Automations'];
  const security = [{ bearerAuth: [] }];
  const base = '/api/automations';
  const item = `${base}/{id}`;
  const writes = 'Owner or admin.';
  const notFound = { 404: err('Not found') };
  const forbidden = { 403: err('Role not allowed') };
  registry.registerPath({
    method: 'get', path: base, tags, security, summary: 'List automations with run statistics',
    request: { query: automationListQuery },
    responses: { 200: { description: 'A page', ...json(pageOf(automationSummarySchema, 'AutomationsPage')) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'post', path: base, tags, security, summary: 'Create a draft (blank, from a definition, or from a template)', description: writes,
    request: { body: { required: true, ...json(automationCreateSchema) } },
    responses: { 201: { description: 'Created', ...json(automationSchema) }, ...commonErrors, ...forbidden },
  });
  registry.registerPath({
    method: 'get', path: `${base}/templates`, tags, security, summary: 'The seeded automations, as starting points',
    responses: { 200: { description: 'Templates', ...json(pageOf(automationTemplateSchema, 'AutomationTemplates')) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'get', path: `${base}/context-schema`, tags, security, summary: 'Context paths, events, node types and templates for the builder',
    responses: { 200: { description: 'Schema', ...json(contextSchemaResult) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'post', path: `${base}/validate`, tags, security, summary: 'Validate a definition; every problem names its node or edge',
    request: { body: { required: true, ...json(validateSchema) } },
    responses: { 200: { description: 'Result', ...json(validationResultSchema) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'get', path: item, tags, security, summary: 'Get an automation with its draft', request: { params: idParams },
    responses: { 200: { description: 'The automation', ...json(automationSchema) }, ...commonErrors, ...notFound },
  });
  registry.registerPath({
    method: 'patch', path: item, tags, security, summary: 'Autosave name, description and draft (validated only at publish)', description: writes,
    request: { params: idParams, body: { required: true, ...json(automationUpdateSchema) } },
    responses: { 200: { description: 'Saved', ...json(automationSchema) }, ...commonErrors, ...forbidden, ...notFound },
  });
  registry.registerPath({
    method: 'post', path: `${item}/publish`, tags, security, summary: 'Publish the draft as a new immutable version', description: `${writes} Runs in flight keep their version.`,
    request: { params: idParams },
    responses: {
      201: { description: 'Published', ...json(publishResultSchema) }, ...commonErrors, ...forbidden, ...notFound,
      409: err('INVALID_STATE: archived'),
      422: err('INVALID_AUTOMATION: details lists every problem with its nodeId/edgeId'),
    },
  });
  for (const change of statusChanges) {
    registry.registerPath({
      method: 'post', path: `${item}/${change}`, tags, security, summary: `${change[0]?.toUpperCase()}${change.slice(1)} the automation`, description: writes,
      request: { params: idParams },
      responses: { 200: { description: 'The automation', ...json(automationSchema) }, ...commonErrors, ...forbidden, ...notFound, 409: err('INVALID_STATE') },
    });
  }
  registry.registerPath({
    method: 'post', path: `${item}/duplicate`, tags, security, summary: 'Copy into a new draft', description: writes,
    request: { params: idParams },
    responses: { 201: { description: 'The copy', ...json(automationSchema) }, ...commonErrors, ...forbidden, ...notFound },
  });
  registry.registerPath({
    method: 'get', path: `${item}/versions`, tags, security, summary: 'Published versions, newest first', request: { params: idParams },
    responses: { 200: { description: 'Versions', ...json(pageOf(versionSchema, 'AutomationVersions')) }, ...commonErrors, ...notFound },
  });
  registry.registerPath({
    method: 'post', path: `${item}/versions/{version}/restore`, tags, security, summary: "Put a version's definition back in the draft", description: writes,
    request: { params: versionParams },
    responses: { 200: { description: 'The automation', ...json(automationSchema) }, ...commonErrors, ...forbidden, ...notFound },
  });
  registry.registerPath({
    method: 'post', path: `${item}/simulate`, tags, security, summary: 'Timeline of what would be sent, when and through which path',
    request: { params: idParams, body: { required: false, ...json(simulateSchema) } },
    responses: { 200: { description: 'Timeline', ...json(simulationResultSchema) }, ...commonErrors, ...notFound, 422: err('INVALID_AUTOMATION: the definition does not parse') },
  });
}

export const automationsRoutes: RouteModule = { path: '/automations', router, document };
