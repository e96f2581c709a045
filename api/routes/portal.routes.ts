import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type CookieOptions, Router } from 'express';
import { Membership, PackagePurchase, Payment, WaitlistOffer } from '../../db/entities';
import type { ApiDeps } from '../deps';
import { authRateLimit } from '../middleware/rate-limit';
import { authenticateCustomer, portalCookie, portalOf } from '../middleware/authenticate-customer';
import { uploadFile } from '../middleware/upload-file';
import { findSlots } from '../services/availability/find-slots';
import { idempotentRequest } from '../services/idempotency';
import { bookAppointment } from '../services/booking/book-appointment';
import { cancelAppointment } from '../services/cancel-appointment';
import { rescheduleAppointment } from '../services/appointments/reschedule-appointment';
import { calendarFeedStatus, issueCalendarFeed, revokeCalendarFeeds } from '../services/ical/calendar-feeds';
import { appointmentIcsFile, calendarLinksFor } from '../services/ical/appointment-calendar';
import { presentMembership } from '../services/memberships/start-membership';
import { presentPurchase } from '../services/packages/sell-package';
import { customerBalance } from '../services/payments/customer-balance';
import { presentPayment } from '../services/payments/present-payment';
import { renderInvoice, renderReceipt } from '../services/payments/render-receipts';
import { listPetDocuments, readPetDocument, uploadPetDocument } from '../services/pets/pet-documents';
import { listPortalAppointments, ownAppointment, portalDomainContext, presentForPortal } from '../services/portal/portal-appointments';
import { addOwnPet, listOwnPets, updateOwnPet } from '../services/portal/portal-pets';
import { exportCustomerData, requestDeletion } from '../services/portal/portal-privacy';
import { getPreferences, portalMe, portalStats, updatePreferences } from '../services/portal/portal-profile';
import { listOwnReviews, reviewVisit } from '../services/portal/portal-reviews';
import { redeemLoginLink, requestLoginLink, revokePortalSession } from '../services/portal/magic-link';
import { publicBaseUrl } from '../services/public-url';
import { acceptOffer, declineOffer, presentOffer } from '../services/waitlist/answer-offer';
import { joinWaitlist, leaveWaitlist, listWaitlist } from '../services/waitlist/waitlist-entries';
import { parseId, parseInput } from '../validate';
import { sendPdf } from './commerce.routes';
import { documentPortal } from './portal.docs';
import {
  deletionRequestSchema,
  loginLinkSchema,
  portalBookingSchema,
  portalCancelSchema,
  portalListQuery,
  portalPetSchema,
  portalRescheduleSchema,
  portalWaitlistSchema,
  preferencesSchema,
  rebookSchema,
  redeemLinkSchema,
  reviewSchema,
  vaccinationClaimSchema,
} from './portal.schema';
import type { RouteModule } from './route-module';
import { availabilityQuery } from './availability.schema';

/** The customer portal's api: magic-link sign-in, then the signed-in customer's own data only. */
function router(deps: ApiDeps): Router {
  const r = Router();
  const taskQueue = deps.config.TEMPORAL_TASK_QUEUE;
  const cookie: CookieOptions = { httpOnly: true, sameSite: 'lax', secure: deps.config.NODE_ENV === 'production', path: '/' };
  const linkLimit = authRateLimit({ windowMs: 15 * 60_000, limit: deps.config.NODE_ENV === 'test' ? 10_000 : 30 });
  const temporal = deps.temporal;

  r.post('/login', linkLimit, async (req, res) => {
    const input = parseInput(loginLinkSchema, req.body, 'body');
    await requestLoginLink({ em: deps.orm.em.fork(), providers: deps.messaging.providers, logger: req.log, input: { tenantSlug: input.slug, email: input.email, baseUrl: publicBaseUrl(req, deps.config), requestedFrom: req.ip, ...(input.next ? { next: input.next } : {}) } });
    res.status(202).json({ sent: true, message: 'If this address belongs to a customer, a sign-in link is on its way. It works once, for 15 minutes.' });
  });
  r.post('/session', linkLimit, async (req, res) => {
    const { token } = parseInput(redeemLinkSchema, req.body, 'body');
    const session = await redeemLoginLink({ em: deps.orm.em.fork(), tokens: deps.portalTokens, token });
    res.cookie(portalCookie, session.token, { ...cookie, expires: session.expiresAt });
    res.status(201).json({ token: session.token, expiresAt: session.expiresAt.toISOString(), customerId: session.customerId });
  });

  r.use(authenticateCustomer(deps, deps.portalTokens));
  const ctxFor = (req: Parameters<typeof portalOf>[0]) => portalDomainContext(portalOf(req));
  const own = async (req: Parameters<typeof portalOf>[0]) => ownAppointment(portalOf(req), parseId(req.params.id, 'Appointment'));

  r.post('/logout', async (req, res) => {
    await revokePortalSession(portalOf(req).em, portalOf(req).sessionId);
    res.clearCookie(portalCookie, cookie);
    res.status(204).end();
  });
  r.get('/me', async (req, res) => res.json(await portalMe(portalOf(req))));
  r.get('/stats', async (req, res) => res.json(await portalStats(portalOf(req))));
  r.get('/preferences', async (req, res) => res.json(await getPreferences(portalOf(req))));
  r.patch('/preferences', async (req, res) => res.json(await updatePreferences(portalOf(req), parseInput(preferencesSchema, req.body, 'body'))));

  r.get('/appointments', async (req, res) => {
    const query = parseInput(portalListQuery, req.query, 'query');
    const items = await listPortalAppointments(portalOf(req), query.scope ?? 'upcoming', query.limit ?? 50);
    res.json({ items, total: items.length });
  });
  r.get('/appointments/:id', async (req, res) => {
    const [item] = await presentForPortal(portalOf(req).em, portalOf(req).tenantId, [await own(req)]);
    res.json(item);
  });
  r.post('/appointments/:id/cancel', async (req, res) => {
    const input = parseInput(portalCancelSchema, req.body, 'body');
    const appointment = await own(req);
    await cancelAppointment({ ctx: ctxFor(req), temporal, taskQueue, id: appointment.id, by: 'customer', customerId: portalOf(req).customerId, ...(input.reason ? { reason: input.reason } : {}) });
    const [item] = await presentForPortal(portalOf(req).em, portalOf(req).tenantId, [await own(req)]);
    res.json(item);
  });
  r.patch('/appointments/:id', async (req, res) => {
    const input = parseInput(portalRescheduleSchema, req.body, 'body');
    const appointment = await own(req);
    await rescheduleAppointment({ ctx: ctxFor(req), temporal, taskQueue, id: appointment.id, input, by: 'customer', customerId: portalOf(req).customerId });
    portalOf(req).em.clear();
    const [item] = await presentForPortal(portalOf(req).em, portalOf(req).tenantId, [await own(req)]);
    res.json(item);
  });
  r.get('/appointments/:id/rebook-slots', async (req, res) => {
    const appointment = await own(req);
    const now = new Date();
    const { slots } = await findSlots({ em: portalOf(req).em, tenantId: portalOf(req).tenantId, serviceId: appointment.serviceId, from: now, to: new Date(now.getTime() + 28 * 86_400_000), ...(appointment.staffId ? { staffId: appointment.staffId } : {}), seats: appointment.seats, onlineOnly: false, holdsFor: { customerId: portalOf(req).customerId } });
    res.json({ serviceId: appointment.serviceId, staffId: appointment.staffId ?? null, slots: slots.slice(0, 20) });
  });
  r.post('/appointments/:id/rebook', async (req, res) => {
    const { startsAt } = parseInput(rebookSchema, req.body, 'body');
    const previous = await own(req);
    const result = await bookAppointment({
      ctx: ctxFor(req), temporal, taskQueue,
      actor: { kind: 'customer', customerId: portalOf(req).customerId, via: 'portal' },
      input: { serviceId: previous.serviceId, staffId: previous.staffId ?? null, customerId: portalOf(req).customerId, petId: previous.petId ?? null, startsAt, seats: previous.seats, participants: previous.participants },
    });
    res.status(result.status).json(result.body);
  });
  r.post('/appointments/:id/review', async (req, res) => {
    res.status(201).json(await reviewVisit(portalOf(req), parseId(req.params.id, 'Appointment'), parseInput(reviewSchema, req.body, 'body')));
  });
  r.get('/appointments/:id/ics', async (req, res) => {
    const file = await appointmentIcsFile({ em: portalOf(req).em, id: parseId(req.params.id, 'Appointment'), baseUrl: publicBaseUrl(req, deps.config), audience: 'customer', customerId: portalOf(req).customerId });
    res.type('text/calendar; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.content);
  });
  r.get('/appointments/:id/calendar-links', async (req, res) => {
    const id = parseId(req.params.id, 'Appointment');
    res.json(await calendarLinksFor({ em: portalOf(req).em, id, baseUrl: publicBaseUrl(req, deps.config), customerId: portalOf(req).customerId, icsPath: `/api/portal/appointments/${id}/ics` }));
  });
  r.get('/appointments/:id/invoice.pdf', async (req, res) => sendPdf(res, await renderInvoice(portalOf(req).em, parseId(req.params.id, 'Appointment'), portalOf(req).customerId)));

  r.post('/bookings', async (req, res) => {
    const input = parseInput(portalBookingSchema, req.body, 'body');
    // Keys are scoped to the customer: the same key from two customers is two requests.
    const idempotency = idempotentRequest(req.get('Idempotency-Key'), { method: 'POST', path: `/api/portal/bookings#${portalOf(req).customerId}`, body: req.body });
    const result = await bookAppointment({ ctx: ctxFor(req), temporal, taskQueue, actor: { kind: 'customer', customerId: portalOf(req).customerId, via: 'portal' }, input: { ...input, customerId: portalOf(req).customerId }, ...(idempotency ? { idempotency } : {}) });
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.status).json(result.body);
  });
  r.get('/availability', async (req, res) => {
    const query = parseInput(availabilityQuery, req.query, 'query');
    const { tenant, slots } = await findSlots({ em: portalOf(req).em, tenantId: portalOf(req).tenantId, ...query, onlineOnly: true, holdsFor: { customerId: portalOf(req).customerId } });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ serviceId: query.serviceId, timezone: tenant.timezone, slots });
  });

  r.get('/payments', async (req, res) => {
    const rows = await portalOf(req).em.find(Payment, { customerId: portalOf(req).customerId }, { orderBy: { createdAt: 'desc' }, limit: 200 });
    const base = publicBaseUrl(req, deps.config);
    res.json({ items: rows.map((p) => ({ ...presentPayment(p), receiptUrl: p.receiptNumber ? `${base}/api/portal/payments/${p.id}/receipt.pdf` : null })), balance: await customerBalance(portalOf(req).em, portalOf(req).customerId) });
  });
  r.get('/payments/:id/receipt.pdf', async (req, res) => sendPdf(res, await renderReceipt(portalOf(req).em, parseId(req.params.id, 'Payment'), portalOf(req).customerId)));
  r.get('/packages', async (req, res) => {
    const rows = await portalOf(req).em.find(PackagePurchase, { customerId: portalOf(req).customerId }, { orderBy: { createdAt: 'desc' } });
    res.json({ items: rows.map(presentPurchase) });
  });
  r.get('/memberships', async (req, res) => {
    const rows = await portalOf(req).em.find(Membership, { customerId: portalOf(req).customerId }, { orderBy: { createdAt: 'desc' } });
    res.json({ items: rows.map(presentMembership) });
  });
  r.get('/reviews', async (req, res) => res.json({ items: await listOwnReviews(portalOf(req)) }));

  r.get('/pets', async (req, res) => res.json({ items: await listOwnPets(portalOf(req)) }));
  r.post('/pets', async (req, res) => res.status(201).json(await addOwnPet(portalOf(req), parseInput(portalPetSchema, req.body, 'body'))));
  r.patch('/pets/:id', async (req, res) => res.json(await updateOwnPet(portalOf(req), parseId(req.params.id, 'Pet'), parseInput(portalPetSchema.partial(), req.body, 'body'))));
  r.get('/pets/:id/documents', async (req, res) => res.json({ items: await listPetDocuments(portalOf(req).em, parseId(req.params.id, 'Pet'), portalOf(req).customerId) }));
  r.post('/pets/:id/documents', uploadFile, async (req, res) => {
    const claim = parseInput(vaccinationClaimSchema, { ...req.body }, 'body');
    const portal = portalOf(req);
    res.status(201).json(await uploadPetDocument({ em: portal.em, tenantId: portal.tenantId, petId: parseId(req.params.id, 'Pet'), customerId: portal.customerId, file: req.file, claim, uploadedBy: 'customer' }));
  });
  r.get('/documents/:id/file', async (req, res) => {
    const document = await readPetDocument(portalOf(req).em, parseId(req.params.id, 'Document'), portalOf(req).customerId);
    res.type(document.contentType).setHeader('Content-Disposition', `inline; filename="${document.filename}"`);
    res.send(document.data);
  });

  r.get('/waitlist', async (req, res) => res.json({ items: await listWaitlist(portalOf(req).em, { customerId: portalOf(req).customerId }) }));
  r.post('/waitlist', async (req, res) => {
    const input = parseInput(portalWaitlistSchema, req.body, 'body');
    res.status(201).json(await joinWaitlist(portalOf(req), { ...input, customerId: portalOf(req).customerId }));
  });
  r.delete('/waitlist/:id', async (req, res) => res.json(await leaveWaitlist(portalOf(req).em, parseId(req.params.id, 'Waitlist entry'), portalOf(req).customerId)));
  r.get('/waitlist/offers', async (req, res) => {
    const offers = await portalOf(req).em.find(WaitlistOffer, { customerId: portalOf(req).customerId, status: 'pending', expiresAt: { $gt: new Date() } });
    res.json({ items: await Promise.all(offers.map((o) => presentOffer(portalOf(req).em, o))) });
  });
  r.post('/waitlist/offers/:id/accept', async (req, res) => {
    res.status(201).json(await acceptOffer({ ctx: ctxFor(req), temporal, taskQueue, offerId: parseId(req.params.id, 'Offer'), customerId: portalOf(req).customerId }));
  });
  r.post('/waitlist/offers/:id/decline', async (req, res) => {
    res.json(await declineOffer({ ctx: ctxFor(req), temporal, offerId: parseId(req.params.id, 'Offer'), customerId: portalOf(req).customerId }));
  });

  r.get('/calendar-feed', async (req, res) => res.json(await calendarFeedStatus({ em: portalOf(req).em, ownerType: 'customer', ownerId: portalOf(req).customerId })));
  r.post('/calendar-feed', async (req, res) => {
    res.status(201).json(await issueCalendarFeed({ em: portalOf(req).em, tenantId: portalOf(req).tenantId, ownerType: 'customer', ownerId: portalOf(req).customerId, baseUrl: publicBaseUrl(req, deps.config) }));
  });
  r.delete('/calendar-feed', async (req, res) => {
    await revokeCalendarFeeds({ em: portalOf(req).em, ownerType: 'customer', ownerId: portalOf(req).customerId });
    res.status(204).end();
  });

  r.get('/export', async (req, res) => {
    res.setHeader('Content-Disposition', 'attachment; filename="my-data.json"');
    res.json(await exportCustomerData(portalOf(req)));
  });
  r.post('/delete-request', async (req, res) => {
    const input = parseInput(deletionRequestSchema, req.body, 'body');
    res.status(202).json(await requestDeletion(portalOf(req), input.reason));
  });
  return r;
}

export const portalRoutes: RouteModule = { path: '/portal', router, document: (registry: OpenAPIRegistry) => documentPortal(registry) };
