import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type Request, Router } from 'express';
import { Review } from '../../db/entities';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { requireRole } from '../middleware/require-role';
import { uploadFile } from '../middleware/upload-file';
import { commonErrors } from '../openapi/describe-crud';
import { calendarFeedStatus, issueCalendarFeed, revokeCalendarFeeds } from '../services/ical/calendar-feeds';
import { listPetDocuments, readPetDocument, reviewPetDocument, uploadPetDocument } from '../services/pets/pet-documents';
import { presentReview } from '../services/portal/portal-reviews';
import { funnelReport } from '../services/public/record-funnel-event';
import { publicBaseUrl } from '../services/public-url';
import { acceptOffer, declineOffer } from '../services/waitlist/answer-offer';
import { joinWaitlist, leaveWaitlist, listWaitlist } from '../services/waitlist/waitlist-entries';
import { parseId, parseInput } from '../validate';
import { z } from '../zod';
import { documentReviewSchema, funnelQuery, reviewUpdateSchema, vaccinationClaimSchema, waitlistJoinSchema, waitlistListQuery } from './commerce.schema';
import { idParams } from './common.schema';
import { calendarFeedSchema } from './ical.schema';
import type { RouteModule } from './route-module';

const security = [{ bearerAuth: [] }];
const anyJson = { content: { 'application/json': { schema: z.object({}).passthrough() } } };
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

/** /api/waitlist: join, list with positions, leave; answer an offer on a customer's behalf. */
export const waitlistRoutes: RouteModule = {
  path: '/waitlist',
  router: (deps: ApiDeps) => {
    const r = Router();
    const taskQueue = deps.config.TEMPORAL_TASK_QUEUE;
    r.get('/', async (req, res) => {
      const query = parseInput(waitlistListQuery, req.query, 'query');
      const items = await listWaitlist(ctxOf(req).em, query);
      res.json({ items, total: items.length });
    });
    r.post('/', async (req, res) => {
      const input = parseInput(waitlistJoinSchema, req.body, 'body');
      res.status(201).json(await joinWaitlist(ctxOf(req), input));
    });
    r.delete('/:id', async (req, res) => {
      res.json(await leaveWaitlist(ctxOf(req).em, parseId(req.params.id, 'Waitlist entry')));
    });
    r.post('/offers/:id/accept', async (req, res) => {
      res.status(201).json(await acceptOffer({ ctx: ctxOf(req), temporal: deps.temporal, taskQueue, offerId: parseId(req.params.id, 'Offer') }));
    });
    r.post('/offers/:id/decline', async (req, res) => {
      res.json(await declineOffer({ ctx: ctxOf(req), temporal: deps.temporal, offerId: parseId(req.params.id, 'Offer') }));
    });
    return r;
  },
  document: (registry: OpenAPIRegistry) => {
    const tags = ['Waitlist'];
    registry.registerPath({ method: 'get', path: '/api/waitlist', tags, security, summary: 'Waiting entries with their position and any open offer', request: { query: waitlistListQuery }, responses: { 200: { description: 'Entries', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/waitlist', tags, security, summary: 'Put a customer on the waitlist', request: { body: body(waitlistJoinSchema) }, responses: { 201: { description: 'Joined', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'delete', path: '/api/waitlist/{id}', tags, security, summary: 'Take an entry off the waitlist', request: { params: idParams }, responses: { 200: { description: 'Left', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/waitlist/offers/{id}/accept', tags, security, summary: 'Accept an offer for the customer: books the held slot', request: { params: idParams }, responses: { 201: { description: 'Booked', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/waitlist/offers/{id}/decline', tags, security, summary: 'Decline an offer: the chain moves on', request: { params: idParams }, responses: { 200: { description: 'Declined', ...anyJson }, ...commonErrors } });
  },
};

/** /api/reviews and /api/funnel. */
export const insightsRoutes: RouteModule = {
  path: '/',
  router: () => {
    const r = Router();
    r.get('/reviews', async (req, res) => {
      const rows = await ctxOf(req).em.find(Review, {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
      res.json({ items: rows.map(presentReview), total: rows.length });
    });
    r.patch('/reviews/:id', requireRole('owner', 'admin'), async (req, res) => {
      const input = parseInput(reviewUpdateSchema, req.body, 'body');
      const review = await ctxOf(req).em.findOne(Review, { id: parseId(req.params.id, 'Review') });
      if (!review) throw notFound('Review', String(req.params.id));
      review.published = input.published;
      await ctxOf(req).em.flush();
      res.json(presentReview(review));
    });
    r.get('/funnel', async (req, res) => {
      const query = parseInput(funnelQuery, req.query, 'query');
      res.json(await funnelReport(ctxOf(req).em, ctxOf(req).tenantId, new Date(query.from), new Date(query.to)));
    });
    return r;
  },
  document: (registry) => {
    registry.registerPath({ method: 'get', path: '/api/reviews', tags: ['Reviews'], security, summary: 'Reviews of completed visits', responses: { 200: { description: 'Reviews', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'patch', path: '/api/reviews/{id}', tags: ['Reviews'], security, summary: 'Publish or hide a review on the booking page', request: { params: idParams, body: body(reviewUpdateSchema) }, responses: { 200: { description: 'Review', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'get', path: '/api/funnel', tags: ['Reports'], security, summary: 'Booking page conversion: sessions reaching each step', request: { query: funnelQuery }, responses: { 200: { description: 'Funnel', ...anyJson }, ...commonErrors } });
  },
};

function feedOwner(req: Request): { ownerType: 'staff' | 'customer'; ownerId: string } {
  const kind = req.params.kind;
  if (kind !== 'staff' && kind !== 'customers') throw new AppError('NOT_FOUND', `No route ${req.method} ${req.originalUrl}`);
  const ownerType = kind === 'staff' ? 'staff' : 'customer';
  const ownerId = parseId(req.params.id, ownerType === 'staff' ? 'Staff member' : 'Customer');
  const { user } = ctxOf(req);
  // Staff manage customers' feeds and their own; owners and admins any staff member's.
  if (ownerType === 'staff' && user.role === 'staff' && user.staffId !== ownerId) throw new AppError('FORBIDDEN', 'Staff can manage only their own calendar feed');
  return { ownerType, ownerId };
}

/** /api/calendar-feeds/{staff|customers}/:id: the secret iCal feed URL (create/reset, status, revoke). */
export const calendarFeedsRoutes: RouteModule = {
  path: '/calendar-feeds',
  router: (deps: ApiDeps) => {
    const r = Router();
    r.get('/:kind/:id', async (req, res) => {
      res.json(await calendarFeedStatus({ em: ctxOf(req).em, ...feedOwner(req) }));
    });
    r.post('/:kind/:id', async (req, res) => {
      const owner = feedOwner(req);
      res.status(201).json(await issueCalendarFeed({ em: ctxOf(req).em, tenantId: ctxOf(req).tenantId, ...owner, baseUrl: publicBaseUrl(req, deps.config) }));
    });
    r.delete('/:kind/:id', async (req, res) => {
      await revokeCalendarFeeds({ em: ctxOf(req).em, ...feedOwner(req) });
      res.status(204).end();
    });
    return r;
  },
  document: (registry) => {
    const params = z.object({ kind: z.enum(['staff', 'customers']), id: z.uuid() });
    const json = { content: { 'application/json': { schema: calendarFeedSchema } } };
    registry.registerPath({ method: 'get', path: '/api/calendar-feeds/{kind}/{id}', tags: ['Calendars'], security, summary: 'Whether a feed exists, and when it was last fetched', request: { params }, responses: { 200: { description: 'Status', ...json }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/calendar-feeds/{kind}/{id}', tags: ['Calendars'], security, summary: 'Create (or reset) the secret feed URL; the old one stops working', request: { params }, responses: { 201: { description: 'The URL, shown once', ...json }, ...commonErrors } });
    registry.registerPath({ method: 'delete', path: '/api/calendar-feeds/{kind}/{id}', tags: ['Calendars'], security, summary: 'Revoke the feed', request: { params }, responses: { 204: { description: 'Revoked' }, ...commonErrors } });
  },
};

/** /api/pets/:id/documents (upload, list) and /api/pet-documents/:id (file, review). */
export const petDocumentsRoutes: RouteModule = {
  path: '/',
  router: () => {
    const r = Router();
    r.get('/pets/:id/documents', async (req, res) => {
      const items = await listPetDocuments(ctxOf(req).em, parseId(req.params.id, 'Pet'));
      res.json({ items, total: items.length });
    });
    r.post('/pets/:id/documents', uploadFile, async (req, res) => {
      const claim = parseInput(vaccinationClaimSchema, { ...req.body }, 'body');
      const ctx = ctxOf(req);
      res.status(201).json(await uploadPetDocument({ em: ctx.em, tenantId: ctx.tenantId, petId: parseId(req.params.id, 'Pet'), file: req.file, claim, uploadedBy: 'staff' }));
    });
    r.get('/pet-documents/:id/file', async (req, res) => {
      const document = await readPetDocument(ctxOf(req).em, parseId(req.params.id, 'Document'));
      res.type(document.contentType).setHeader('Content-Disposition', `inline; filename="${document.filename}"`);
      res.send(document.data);
    });
    r.patch('/pet-documents/:id', async (req, res) => {
      const input = parseInput(documentReviewSchema, req.body, 'body');
      res.json(await reviewPetDocument(ctxOf(req).em, parseId(req.params.id, 'Document'), input.status));
    });
    return r;
  },
  document: (registry) => {
    const tags = ['Pets'];
    const upload = { required: true, content: { 'multipart/form-data': { schema: vaccinationClaimSchema.extend({ file: z.string().openapi({ format: 'binary' }) }) } } };
    registry.registerPath({ method: 'get', path: '/api/pets/{id}/documents', tags, security, summary: 'Uploaded vaccination records of a pet', request: { params: idParams }, responses: { 200: { description: 'Documents', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/pets/{id}/documents', tags, security, summary: 'Upload a vaccination record (PDF/photo ≤ 5 MB), optionally recording the vaccination', request: { params: idParams, body: upload }, responses: { 201: { description: 'Stored', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'get', path: '/api/pet-documents/{id}/file', tags, security, summary: 'The uploaded file', request: { params: idParams }, responses: { 200: { description: 'The file' }, ...commonErrors } });
    registry.registerPath({ method: 'patch', path: '/api/pet-documents/{id}', tags, security, summary: 'Accept or reject an uploaded record', request: { params: idParams, body: body(documentReviewSchema) }, responses: { 200: { description: 'Reviewed', ...anyJson }, ...commonErrors } });
  },
};
