import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { campaignResource } from '../services/campaigns/campaign-resource';
import { type CampaignControl, campaignReport, campaignWithProgress, chooseCampaignWinner, controlCampaign, launchCampaign } from '../services/campaigns/control-campaign';
import { createCampaign, deleteCampaign, updateCampaign } from '../services/campaigns/save-campaign';
import { listRecords } from '../services/crud/list-records';
import { parseId, parseInput } from '../validate';
import type { z } from '../zod';
import {
  campaignCreateSchema,
  campaignListQuery,
  campaignReportSchema,
  campaignSchema,
  campaignUpdateSchema,
  launchCampaignSchema,
  winnerSchema,
} from './campaigns.schema';
import { errorSchema, idParams, pageOf } from './common.schema';
import type { RouteModule } from './route-module';

const controls: readonly CampaignControl[] = ['pause', 'resume', 'cancel'];

function router(deps: ApiDeps): Router {
  const r = Router();
  const canWrite = requireRole('owner', 'admin');
  const idOf = (value: unknown) => parseId(value, 'Campaign');
  const temporal = { temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE };

  r.get('/', async (req, res) => {
    res.json(await listRecords(ctxOf(req), campaignResource, parseInput(campaignListQuery, req.query, 'query')));
  });
  r.post('/', canWrite, async (req, res) => {
    res.status(201).json(await createCampaign(ctxOf(req), parseInput(campaignCreateSchema, req.body, 'body')));
  });
  r.get('/:id', async (req, res) => {
    res.json(await campaignWithProgress(ctxOf(req), temporal, idOf(req.params.id)));
  });
  r.patch('/:id', canWrite, async (req, res) => {
    const id = idOf(req.params.id);
    res.json(await updateCampaign(ctxOf(req), id, parseInput(campaignUpdateSchema, req.body, 'body')));
  });
  r.delete('/:id', canWrite, async (req, res) => {
    await deleteCampaign(ctxOf(req), idOf(req.params.id));
    res.status(204).end();
  });
  r.post('/:id/launch', canWrite, async (req, res) => {
    const id = idOf(req.params.id);
    res.json(await launchCampaign(ctxOf(req), temporal, id, parseInput(launchCampaignSchema, req.body ?? {}, 'body')));
  });
  for (const control of controls) {
    r.post(`/:id/${control}`, canWrite, async (req, res) => {
      res.json(await controlCampaign(ctxOf(req), temporal, idOf(req.params.id), control));
    });
  }
  r.post('/:id/winner', canWrite, async (req, res) => {
    const id = idOf(req.params.id);
    res.json(await chooseCampaignWinner(ctxOf(req), temporal, id, parseInput(winnerSchema, req.body, 'body').variant));
  });
  r.get('/:id/report', async (req, res) => {
    res.json(await campaignReport(ctxOf(req), idOf(req.params.id)));
  });
  return r;
}

function document(registry: OpenAPIRegistry): void {
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const err = (description: string) => ({ description, ...json(errorSchema) });
  const tags = ['Campaigns'];
  const security = [{ bearerAuth: [] }];
  const base = '/api/campaigns';
  const item = `${base}/{id}`;
  const writes = 'Owner or admin.';
  const notFound = { 404: err('Not found') };
  const conflict = { 409: err('INVALID_STATE') };
  registry.registerPath({
    method: 'get', path: base, tags, security, summary: 'List campaigns, newest first', request: { query: campaignListQuery },
    responses: { 200: { description: 'A page', ...json(pageOf(campaignSchema, 'CampaignsPage')) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'post', path: base, tags, security, summary: 'Create a draft campaign to a segment (an automation with a manual trigger, or content to build one)', description: writes,
    request: { body: { required: true, ...json(campaignCreateSchema) } },
    responses: { 201: { description: 'Created', ...json(campaignSchema) }, ...commonErrors, 422: err('INVALID_AUTOMATION: the content does not validate') },
  });
  registry.registerPath({
    method: 'get', path: item, tags, security, summary: 'A campaign with its live progress', request: { params: idParams },
    responses: { 200: { description: 'The campaign', ...json(campaignSchema) }, ...commonErrors, ...notFound },
  });
  registry.registerPath({
    method: 'patch', path: item, tags, security, summary: 'Edit a draft', description: writes, request: { params: idParams, body: { required: true, ...json(campaignUpdateSchema) } },
    responses: { 200: { description: 'Saved', ...json(campaignSchema) }, ...commonErrors, ...notFound, ...conflict },
  });
  registry.registerPath({
    method: 'delete', path: item, tags, security, summary: 'Delete a draft', description: writes, request: { params: idParams },
    responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFound, ...conflict },
  });
  registry.registerPath({
    method: 'post', path: `${item}/launch`, tags, security, summary: 'Send now, or at scheduledAt', description: writes,
    request: { params: idParams, body: { required: false, ...json(launchCampaignSchema) } },
    responses: { 200: { description: 'Launched', ...json(campaignSchema) }, ...commonErrors, ...notFound, ...conflict },
  });
  for (const control of controls) {
    registry.registerPath({
      method: 'post', path: `${item}/${control}`, tags, security, summary: `${control[0]!.toUpperCase()}${control.slice(1)} the campaign`, description: writes,
      request: { params: idParams },
      responses: { 200: { description: 'The campaign', ...json(campaignSchema) }, ...commonErrors, ...notFound, ...conflict },
    });
  }
  registry.registerPath({
    method: 'post', path: `${item}/winner`, tags, security, summary: 'Choose the A/B winner (sent to the rest of the audience)', description: writes,
    request: { params: idParams, body: { required: true, ...json(winnerSchema) } },
    responses: { 200: { description: 'The campaign', ...json(campaignSchema) }, ...commonErrors, ...notFound, ...conflict },
  });
  registry.registerPath({
    method: 'get', path: `${item}/report`, tags, security, summary: 'Results per variant: delivery, clicks, attributed bookings, cost and ROI', request: { params: idParams },
    responses: { 200: { description: 'Report', ...json(campaignReportSchema) }, ...commonErrors, ...notFound },
  });
}

export const campaignsRoutes: RouteModule = { path: '/campaigns', router, document };
