import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { commonErrors } from '../openapi/describe-crud';
import { findSlots } from '../services/availability/find-slots';
import { idempotentRequest } from '../services/idempotency';
import { bookOnline } from '../services/public/book-online';
import { businessBySlug, publicBusiness, publishedReviews } from '../services/public/public-business';
import { recordFunnelEvent } from '../services/public/record-funnel-event';
import { acceptOffer, declineOffer, offerByToken, presentOffer } from '../services/waitlist/answer-offer';
import { parseInput } from '../validate';
import { z } from '../zod';
import { availabilitySchema } from './availability.schema';
import { acceptOfferSchema, funnelEventSchema, offerTokenParams, publicAvailabilityQuery, publicBookingSchema, slugParams } from './public.schema';
import type { RouteModule } from './route-module';

const slugOf = (value: unknown) => parseInput(slugParams, { slug: value }, 'path').slug;
const tokenOf = (value: unknown) => parseInput(offerTokenParams, { token: value }, 'path').token;

/** The public booking page's api, by business slug; no sign-in. Mounted before staff authentication. */
function router(deps: ApiDeps): Router {
  const r = Router();
  const taskQueue = deps.config.TEMPORAL_TASK_QUEUE;

  r.get('/waitlist-offers/:token', async (req, res) => {
    const { em, offer } = await offerByToken(deps.orm, tokenOf(req.params.token));
    res.json(await presentOffer(em, offer));
  });
  r.post('/waitlist-offers/:token/accept', async (req, res) => {
    const input = parseInput(acceptOfferSchema, req.body, 'body');
    const { em, offer } = await offerByToken(deps.orm, tokenOf(req.params.token));
    const ctx = { em, tenantId: offer.tenantId, requestId: String(req.id), logger: req.log, actor: 'customer via waitlist offer link' };
    res.status(201).json(await acceptOffer({ ctx, temporal: deps.temporal, taskQueue, offerId: offer.id, customerId: offer.customerId, ...(input.petId ? { petId: input.petId } : {}) }));
  });
  r.post('/waitlist-offers/:token/decline', async (req, res) => {
    const { em, offer } = await offerByToken(deps.orm, tokenOf(req.params.token));
    const ctx = { em, tenantId: offer.tenantId, requestId: String(req.id), logger: req.log, actor: 'customer via waitlist offer link' };
    res.json(await declineOffer({ ctx, temporal: deps.temporal, offerId: offer.id, customerId: offer.customerId }));
  });

  r.get('/:slug', async (req, res) => {
    const { em, tenant } = await businessBySlug(deps.orm, slugOf(req.params.slug));
    res.json(await publicBusiness(em, tenant));
  });
  r.get('/:slug/reviews', async (req, res) => {
    const { em } = await businessBySlug(deps.orm, slugOf(req.params.slug));
    res.json({ items: await publishedReviews(em) });
  });
  r.get('/:slug/availability', async (req, res) => {
    const query = parseInput(publicAvailabilityQuery, req.query, 'query');
    const { em, tenant } = await businessBySlug(deps.orm, slugOf(req.params.slug));
    // Slots already taken disappear on the next poll: answers are never cached.
    res.setHeader('Cache-Control', 'no-store');
    const { slots } = await findSlots({ em, tenantId: tenant.id, ...query, onlineOnly: true });
    res.json({ serviceId: query.serviceId, timezone: tenant.timezone, slots });
  });
  r.post('/:slug/bookings', async (req, res) => {
    const input = parseInput(publicBookingSchema, req.body, 'body');
    const { em, tenant } = await businessBySlug(deps.orm, slugOf(req.params.slug));
    const idempotency = idempotentRequest(req.get('Idempotency-Key'), { method: 'POST', path: `/api/public/${tenant.slug}/bookings`, body: req.body });
    const result = await bookOnline({ em, tenant, temporal: deps.temporal, taskQueue, logger: req.log.child({ tenantId: tenant.id }), requestId: String(req.id), input, ...(idempotency ? { idempotency } : {}) });
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.status).json(result.body);
  });
  r.post('/:slug/events', async (req, res) => {
    const input = parseInput(funnelEventSchema, req.body, 'body');
    const { em, tenant } = await businessBySlug(deps.orm, slugOf(req.params.slug));
    const recorded = await recordFunnelEvent(em, tenant.id, input);
    res.status(202).json({ recorded });
  });
  return r;
}

function document(registry: OpenAPIRegistry): void {
  const tags = ['Public booking page'];
  const anyJson = { content: { 'application/json': { schema: z.object({}).passthrough() } } };
  const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });
  registry.registerPath({ method: 'get', path: '/api/public/{slug}', tags, summary: 'The business, its online services and their staff', request: { params: slugParams }, responses: { 200: { description: 'Business', ...anyJson }, 404: commonErrors[400] } });
  registry.registerPath({ method: 'get', path: '/api/public/{slug}/availability', tags, summary: 'Free slots (never cached: poll to see taken ones disappear)', request: { params: slugParams, query: publicAvailabilityQuery }, responses: { 200: { description: 'Slots', content: { 'application/json': { schema: availabilitySchema } } }, ...commonErrors } });
  registry.registerPath({
    method: 'post', path: '/api/public/{slug}/bookings', tags, summary: 'Book a slot; the customer is matched by email or phone, or created',
    description: 'Idempotency-Key honoured. 409 SLOT_TAKEN (with the next free slots in details) when someone was quicker.',
    request: { params: slugParams, body: body(publicBookingSchema) },
    responses: { 201: { description: 'Booked', ...anyJson }, ...commonErrors },
  });
  registry.registerPath({ method: 'post', path: '/api/public/{slug}/events', tags, summary: 'Record a funnel step (view, service_selected, slot_selected, form_completed, booked); once per session', request: { params: slugParams, body: body(funnelEventSchema) }, responses: { 202: { description: 'Recorded (or already recorded)', ...anyJson }, ...commonErrors } });
  registry.registerPath({ method: 'get', path: '/api/public/{slug}/reviews', tags, summary: 'Published reviews', request: { params: slugParams }, responses: { 200: { description: 'Reviews', ...anyJson } } });
  registry.registerPath({ method: 'get', path: '/api/public/waitlist-offers/{token}', tags: ['Waitlist'], summary: 'A waitlist offer, by the secret in its link', request: { params: offerTokenParams }, responses: { 200: { description: 'Offer', ...anyJson }, ...commonErrors } });
  registry.registerPath({ method: 'post', path: '/api/public/waitlist-offers/{token}/accept', tags: ['Waitlist'], summary: 'Accept: books the held slot', request: { params: offerTokenParams, body: { required: false, content: { 'application/json': { schema: acceptOfferSchema } } } }, responses: { 201: { description: 'Booked', ...anyJson }, ...commonErrors } });
  registry.registerPath({ method: 'post', path: '/api/public/waitlist-offers/{token}/decline', tags: ['Waitlist'], summary: 'Decline: keeps the place in the queue', request: { params: offerTokenParams }, responses: { 200: { description: 'Declined', ...anyJson }, ...commonErrors } });
}

export const publicRoutes: RouteModule = { path: '/public', router, document };
