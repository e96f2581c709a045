import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from '../zod';
import { commonErrors } from '../openapi/describe-crud';
import { availabilityQuery } from './availability.schema';
import { idParams } from './common.schema';
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
} from './portal.schema';

type Method = 'get' | 'post' | 'patch' | 'delete';
const anyJson = { content: { 'application/json': { schema: z.object({}).passthrough() } } };

/** [method, path, summary, body?, hasId?, query?] for every portal route. */
const routes: Array<[Method, string, string, z.ZodType?, boolean?, z.ZodObject?]> = [
  ['post', '/api/portal/login', 'Email a single-use sign-in link (15 minutes; rate-limited; never says whether the address is known)', loginLinkSchema],
  ['post', '/api/portal/session', 'Trade a sign-in link for a customer session (sets the af_portal cookie and returns a bearer token); 401 LOGIN_LINK_INVALID when expired or used', redeemLinkSchema],
  ['post', '/api/portal/logout', 'End the session'],
  ['get', '/api/portal/me', 'The customer, the business and the preferences'],
  ['get', '/api/portal/stats', 'Visits, spend, upcoming, no-shows, favourite service'],
  ['get', '/api/portal/preferences', 'Contact preferences'],
  ['patch', '/api/portal/preferences', 'Change channel, preferred staff, notifications, marketing opt-in', preferencesSchema],
  ['get', '/api/portal/appointments', 'Upcoming or past bookings, with what may still be changed under the policy', undefined, false, portalListQuery],
  ['get', '/api/portal/appointments/{id}', 'One of the customer’s bookings (another customer’s is 404)', undefined, true],
  ['post', '/api/portal/appointments/{id}/cancel', 'Cancel before the cancel window closes (409 CANCEL_WINDOW_CLOSED explains the rule)', portalCancelSchema, true],
  ['patch', '/api/portal/appointments/{id}', 'Move to an offered slot before the reschedule window closes (409 RESCHEDULE_WINDOW_CLOSED explains the rule)', portalRescheduleSchema, true],
  ['get', '/api/portal/appointments/{id}/rebook-slots', 'The next free slots for the same service and staff (one-click rebook)', undefined, true],
  ['post', '/api/portal/appointments/{id}/rebook', 'Book the same service, staff and pet again', rebookSchema, true],
  ['post', '/api/portal/appointments/{id}/review', 'Review a completed visit (once)', reviewSchema, true],
  ['get', '/api/portal/appointments/{id}/ics', 'The booking as .ics', undefined, true],
  ['get', '/api/portal/appointments/{id}/calendar-links', 'Add-to-Google/Outlook links', undefined, true],
  ['get', '/api/portal/appointments/{id}/invoice.pdf', 'Invoice (PDF)', undefined, true],
  ['post', '/api/portal/bookings', 'Book a slot as the signed-in customer', portalBookingSchema],
  ['get', '/api/portal/availability', 'Free slots (the customer’s own waitlist holds included)', undefined, false, availabilityQuery],
  ['get', '/api/portal/payments', 'Payments with receipt links, and the balance'],
  ['get', '/api/portal/payments/{id}/receipt.pdf', 'Receipt (PDF)', undefined, true],
  ['get', '/api/portal/packages', 'Package purchases and credits left'],
  ['get', '/api/portal/memberships', 'Memberships'],
  ['get', '/api/portal/reviews', 'The customer’s reviews'],
  ['get', '/api/portal/pets', 'Pets with their vaccinations'],
  ['post', '/api/portal/pets', 'Add a pet', portalPetSchema],
  ['patch', '/api/portal/pets/{id}', 'Edit a pet', portalPetSchema.partial(), true],
  ['get', '/api/portal/pets/{id}/documents', 'Uploaded vaccination records', undefined, true],
  ['post', '/api/portal/pets/{id}/documents', 'Upload a vaccination record (multipart: file, name, administeredOn, expiresOn)', undefined, true],
  ['get', '/api/portal/documents/{id}/file', 'Download an uploaded record', undefined, true],
  ['get', '/api/portal/waitlist', 'Waitlist entries with position'],
  ['post', '/api/portal/waitlist', 'Join the waitlist', portalWaitlistSchema],
  ['delete', '/api/portal/waitlist/{id}', 'Leave the waitlist', undefined, true],
  ['get', '/api/portal/waitlist/offers', 'Open offers'],
  ['post', '/api/portal/waitlist/offers/{id}/accept', 'Accept: books the held slot', undefined, true],
  ['post', '/api/portal/waitlist/offers/{id}/decline', 'Decline: the next person gets it', undefined, true],
  ['get', '/api/portal/calendar-feed', 'The personal iCal feed’s status'],
  ['post', '/api/portal/calendar-feed', 'Create (or reset) the personal iCal feed URL'],
  ['delete', '/api/portal/calendar-feed', 'Revoke the feed'],
  ['get', '/api/portal/export', 'All my data as JSON (GDPR)'],
  ['post', '/api/portal/delete-request', 'Ask for my data to be deleted', deletionRequestSchema],
];

export function documentPortal(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'portalAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The token from POST /api/portal/session (or the af_portal cookie)' });
  for (const [method, path, summary, body, hasId, query] of routes) {
    const open = path === '/api/portal/login' || path === '/api/portal/session';
    registry.registerPath({
      method,
      path,
      tags: ['Customer portal'],
      summary,
      ...(open ? {} : { security: [{ portalAuth: [] }] }),
      request: {
        ...(hasId ? { params: idParams } : {}),
        ...(query ? { query } : {}),
        ...(body ? { body: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      },
      responses: { 200: { description: 'OK', ...anyJson }, ...commonErrors },
    });
  }
}
