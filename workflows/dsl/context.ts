import { z } from 'zod';

/**
 * The context a run sees, declared once: the builder offers these paths for autocomplete, the
 * validator checks `{"var": ...}` and `{{...}}` references against them, the worker and the
 * simulator build contexts of this shape. Times are ISO-8601 strings with an offset.
 */
export type ContextValueType = 'string' | 'number' | 'boolean' | 'datetime' | 'date' | 'string[]' | 'array' | 'object';

export interface ContextPath {
  path: string;
  type: ContextValueType;
  description: string;
  /** Any sub-path is accepted (free-form payloads). */
  open?: boolean;
}

const p = (path: string, type: ContextValueType, description: string, open?: boolean): ContextPath =>
  open ? { path, type, description, open } : { path, type, description };

export const CONTEXT_PATHS: readonly ContextPath[] = [
  p('now', 'datetime', 'The time of the current step, in the tenant zone (the workflow clock, or the simulator clock)'),
  p('today', 'date', "Today's date in the tenant zone (YYYY-MM-DD)"),

  p('tenant', 'object', 'The business'),
  p('tenant.id', 'string', 'Tenant id'),
  p('tenant.name', 'string', 'Business name'),
  p('tenant.slug', 'string', 'Business slug used in public links'),
  p('tenant.timezone', 'string', 'IANA time zone of the business, e.g. Europe/Paris'),
  p('tenant.currency', 'string', 'ISO-4217 currency code'),
  p('tenant.phone', 'string', 'Business phone number'),
  p('tenant.email', 'string', 'Business email address'),
  p('tenant.address', 'string', 'Business address'),
  p('tenant.bookingUrl', 'string', 'Public booking page'),
  p('tenant.reviewUrl', 'string', 'Where customers leave a review'),
  p('tenant.policies', 'object', 'Booking policies'),
  p('tenant.policies.cancelWindowHours', 'number', 'Cancellation allowed until this many hours before the start'),
  p('tenant.policies.rescheduleWindowHours', 'number', 'Rescheduling allowed until this many hours before the start'),
  p('tenant.policies.noShowGraceMinutes', 'number', 'Minutes after the start before a missing customer is a no-show'),
  p('tenant.policies.reputationThreshold', 'number', 'Bookings are refused below this reputation score'),

  p('appointment', 'object', 'The appointment the run is about'),
  p('appointment.id', 'string', 'Appointment id'),
  p('appointment.startsAt', 'datetime', 'Start time'),
  p('appointment.endsAt', 'datetime', 'End time'),
  p('appointment.previousStartsAt', 'datetime', 'Start time before the last reschedule'),
  p('appointment.status', 'string', 'pending | confirmed | checked_in | completed | cancelled | no_show'),
  p('appointment.priceCents', 'number', 'Price in minor units'),
  p('appointment.durationMinutes', 'number', 'Length in minutes'),
  p('appointment.source', 'string', 'Where it was booked: online, staff, portal, api'),
  p('appointment.notes', 'string', 'Booking notes'),
  p('appointment.cancelReason', 'string', 'Why it was cancelled'),
  p('appointment.arrivedAt', 'datetime', 'When the customer checked in'),
  p('appointment.createdAt', 'datetime', 'When it was booked'),
  p('appointment.meetingLink', 'string', 'Video meeting link'),
  p('appointment.locationName', 'string', 'Location name'),
  p('appointment.participantCount', 'number', 'Participants (group classes)'),
  p('appointment.portalUrl', 'string', 'Customer portal link for this booking'),
  p('appointment.cancelUrl', 'string', 'Self-service cancel link'),
  p('appointment.rescheduleUrl', 'string', 'Self-service reschedule link'),
  p('appointment.addToCalendarUrl', 'string', 'Add-to-calendar (.ics) link'),

  p('service', 'object', 'The booked service'),
  p('service.id', 'string', 'Service id'),
  p('service.name', 'string', 'Service name'),
  p('service.category', 'string', 'Service category'),
  p('service.durationMinutes', 'number', 'Default length in minutes'),
  p('service.priceCents', 'number', 'List price in minor units'),

  p('staff', 'object', 'The staff member'),
  p('staff.id', 'string', 'Staff id'),
  p('staff.name', 'string', 'Staff name'),
  p('staff.email', 'string', 'Staff email'),
  p('staff.phone', 'string', 'Staff phone'),

  p('customer', 'object', 'The customer'),
  p('customer.id', 'string', 'Customer id'),
  p('customer.name', 'string', 'Full name'),
  p('customer.firstName', 'string', 'First name'),
  p('customer.phone', 'string', 'Phone number (E.164)'),
  p('customer.email', 'string', 'Email address'),
  p('customer.smsOptIn', 'boolean', 'Accepts SMS'),
  p('customer.whatsappOptIn', 'boolean', 'Accepts WhatsApp'),
  p('customer.emailOptIn', 'boolean', 'Accepts email'),
  p('customer.preferredChannel', 'string', 'sms | whatsapp | email'),
  p('customer.reputationScore', 'number', 'Reputation 0–100'),
  p('customer.noShowCount', 'number', 'No-shows so far'),
  p('customer.visitCount', 'number', 'Completed visits'),
  p('customer.lastVisitAt', 'datetime', 'Last completed visit'),
  p('customer.birthday', 'date', 'Birthday (YYYY-MM-DD)'),
  p('customer.tags', 'string[]', 'Tags'),
  p('customer.timezone', 'string', 'IANA time zone of the customer (falls back to the tenant zone)'),
  p('customer.locale', 'string', 'Preferred language, e.g. en-US'),

  p('pets', 'array', "The customer's pets"),
  p('pets[].id', 'string', 'Pet id'),
  p('pets[].name', 'string', 'Pet name'),
  p('pets[].species', 'string', 'Species'),
  p('pets[].breed', 'string', 'Breed'),
  p('pets[].birthday', 'date', 'Birthday (YYYY-MM-DD)'),

  p('vaccination', 'object', 'The vaccination record the run is about'),
  p('vaccination.id', 'string', 'Vaccination id'),
  p('vaccination.name', 'string', 'Vaccine name'),
  p('vaccination.petId', 'string', 'Pet id'),
  p('vaccination.petName', 'string', 'Pet name'),
  p('vaccination.administeredAt', 'datetime', 'When it was given'),
  p('vaccination.expiresAt', 'datetime', 'When it expires'),
  p('vaccination.renewedAt', 'datetime', 'Set when a newer record replaces it'),

  p('campaign', 'object', 'The campaign that started the run'),
  p('campaign.id', 'string', 'Campaign id'),
  p('campaign.name', 'string', 'Campaign name'),
  p('campaign.link', 'string', "Tracked short link to the campaign's link URL (counts the recipient's click)"),
  p('campaign.url', 'string', 'The campaign link URL itself (untracked)'),

  p('vars', 'object', 'Variables set by setVariable nodes (vars.<name>)', true),

  p('event', 'object', 'The event that started the run'),
  p('event.type', 'string', 'Event type, e.g. appointment.booked'),
  p('event.at', 'datetime', 'When it happened'),
  p('event.data', 'object', 'Event payload', true),

  p('lastEvent', 'object', 'The latest event the run received (the one that resolved a waitForEvent)'),
  p('lastEvent.type', 'string', 'Event type, e.g. message.received'),
  p('lastEvent.at', 'datetime', 'When it happened'),
  p('lastEvent.body', 'string', 'Text of a received message'),
  p('lastEvent.intent', 'string', 'confirm | cancel | stop | start | help | other (received messages)'),
  p('lastEvent.channel', 'string', 'sms | whatsapp | email'),
  p('lastEvent.data', 'object', 'Event payload', true),
];

const BY_PATH = new Map(CONTEXT_PATHS.map((entry) => [entry.path, entry]));
const OPEN_PREFIXES = CONTEXT_PATHS.filter((entry) => entry.open).map((entry) => entry.path);

/** "pets.0.name" → "pets[].name", "customer.tags.1" → "customer.tags[]". */
export function normalizeContextPath(path: string): string {
  return path
    .split('.')
    .reduce<string>((acc, seg) => (/^\d+$/.test(seg) && acc !== '' ? `${acc}[]` : acc === '' ? seg : `${acc}.${seg}`), '');
}

export function lookupContextPath(path: string): ContextPath | undefined {
  const normalized = normalizeContextPath(path);
  const found = BY_PATH.get(normalized);
  if (found) return found;
  if (normalized.endsWith('[]')) {
    const parent = BY_PATH.get(normalized.slice(0, -2));
    if (parent?.type === 'string[]') return { path: normalized, type: 'string', description: `An item of ${parent.path}` };
    if (parent?.type === 'array') return { path: normalized, type: 'object', description: `An item of ${parent.path}` };
  }
  return undefined;
}

/**
 * Whether a run's context can hold this path. `vars.<name>` exists only when `vars` lists the name
 * (the validator passes the names set by setVariable nodes); without `vars` any name is accepted.
 */
export function hasContextPath(path: string, opts: { vars?: Iterable<string> } = {}): boolean {
  if (typeof path !== 'string' || path === '') return false;
  const normalized = normalizeContextPath(path);
  if (normalized === 'vars') return true;
  if (normalized.startsWith('vars.')) {
    if (opts.vars === undefined) return true;
    const name = (normalized.slice('vars.'.length).split('.')[0] ?? '').replace(/\[\]$/, '');
    return [...opts.vars].includes(name);
  }
  if (lookupContextPath(normalized)) return true;
  return OPEN_PREFIXES.some((prefix) => normalized.startsWith(`${prefix}.`));
}

/** Paths whose values are times, usable as wait anchors. */
export const TIME_ANCHOR_PATHS: readonly string[] = CONTEXT_PATHS.filter(
  (entry) => entry.type === 'datetime' && !entry.path.includes('[]') && entry.path !== 'now',
).map((entry) => entry.path);

const loose = z.looseObject({});

/** The runtime context (validated loosely: the sections are open objects). */
export const runContextSchema = z.looseObject({
  tenant: z.looseObject({ id: z.string(), timezone: z.string() }),
  appointment: z.looseObject({ id: z.string(), startsAt: z.string(), status: z.string().optional() }).optional(),
  service: loose.optional(),
  staff: loose.optional(),
  customer: z
    .looseObject({
      id: z.string(),
      timezone: z.string().nullish(),
      tags: z.array(z.string()).optional(),
      reputationScore: z.number().optional(),
    })
    .optional(),
  pets: z.array(loose).optional(),
  vaccination: loose.optional(),
  campaign: loose.optional(),
  vars: z.record(z.string(), z.unknown()).default({}),
  event: z.looseObject({ type: z.string(), at: z.string() }),
  lastEvent: z.looseObject({ type: z.string(), at: z.string() }).optional(),
});

export type RunContextInput = z.input<typeof runContextSchema>;

interface Section {
  [key: string]: unknown;
}

export interface RunContext {
  tenant: Section & { id: string; timezone: string };
  appointment?: Section & { id: string; startsAt: string; endsAt?: string; status?: string };
  service?: Section;
  staff?: Section;
  customer?: Section & { id: string; timezone?: string | null; tags?: string[]; reputationScore?: number };
  pets?: Section[];
  vaccination?: Section;
  campaign?: Section;
  vars: Record<string, unknown>;
  event: Section & { type: string; at: string };
  lastEvent?: Section & { type: string; at: string };
  [key: string]: unknown;
}

export { readContextPath } from './context-path';
