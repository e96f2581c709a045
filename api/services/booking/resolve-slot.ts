import type { EntityManager } from '@mikro-orm/postgresql';
import type { Service, Tenant } from '../../../db/entities';
import { type InstantInput, pickRoundRobinStaff } from '../../domain/availability';
import { type LoadedAvailability, loadAvailabilityInput } from '../availability/load-availability-input';
import { runEngine } from '../availability/find-slots';
import type { BookingActor } from './booking-types';
import { checkStaffTime, type StaffTimeCheck } from './check-staff-time';

export interface ResolvedSlot {
  staffId: string | null;
  teamStaffIds: string[];
  startsAt: Date;
  endsAt: Date;
  sessionKey?: string;
  /** What the check read, so the check under the lock reads again only what can have changed. */
  loaded?: LoadedAvailability;
}

/** The slot cannot be had; `taken` when someone holds it (409 SLOT_TAKEN), else it is simply not offered. */
export class SlotRefused extends Error {
  constructor(
    readonly reason: 'taken' | 'unavailable' | 'outside_hours' | 'session_full',
    readonly staffId: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'SlotRefused';
  }
}

export interface ResolveSlotOptions {
  em: EntityManager;
  tenant: Tenant;
  service: Service;
  actor: BookingActor;
  customerId: string;
  start: Date;
  seats: number;
  /** Staff asked for, or (the check under the lock) the one already chosen. */
  staffId?: string | null;
  override: boolean;
  now: Date;
  excludeAppointmentId?: string;
  /** The first check's rows: refresh the staff's blockers only (the check under the lock). */
  reuse?: { loaded?: LoadedAvailability; staffIds: string[] };
}

export function sessionKeyFor(service: Service, staffId: string | null, start: Date): string | undefined {
  return service.capacity > 1 && staffId ? `${service.id}:${staffId}:${start.toISOString()}` : undefined;
}

/**
 * Picks who takes the booking and checks that they can, for both kinds of booker. Customers and
 * collective or multi-day services go through the engine (an offered slot only); the front desk
 * books any free time, round robin choosing among free qualified staff when none is named, and a
 * service nobody offers yet is booked unassigned.
 */
export async function resolveSlot(options: ResolveSlotOptions): Promise<ResolvedSlot> {
  const { service, actor } = options;
  const byEngine = actor.kind === 'customer' || service.staffCount > 1 || service.days > 1;
  return byEngine ? resolveByEngine(options) : resolveForFrontDesk(options);
}

async function resolveByEngine(options: ResolveSlotOptions): Promise<ResolvedSlot> {
  const { em, tenant, service, actor, start, now } = options;
  const customerRules = actor.kind === 'customer';
  const loaded = await loadAvailabilityInput({
    em,
    tenant,
    service,
    from: start,
    to: start.getTime() + 1,
    now,
    holdsFor: { customerId: options.customerId, ...(actor.kind === 'customer' && actor.waitlistOfferId ? { offerId: actor.waitlistOfferId } : {}) },
    ...(options.excludeAppointmentId ? { excludeAppointmentId: options.excludeAppointmentId } : {}),
    ...(options.reuse?.loaded ? { reuse: options.reuse.loaded, onlyStaffIds: options.reuse.staffIds } : {}),
  });
  // The front desk may book a collective or multi-day service at short notice or far ahead.
  const spec = customerRules ? loaded.service : { ...loaded.service, minNoticeMinutes: 0, maxAdvanceDays: null };
  const slots = runEngine({
    ...loaded,
    service: spec,
    from: start,
    to: start.getTime() + 1,
    now: customerRules ? now : Math.min(now.getTime(), start.getTime() - 1),
    staffIds: options.staffId ? [options.staffId] : null,
    seats: options.seats,
  });
  const slot = slots.find((s) => Date.parse(s.startsAt) === start.getTime());
  if (!slot) {
    const taken = await isHeld(loaded, options);
    throw new SlotRefused(taken ? 'taken' : 'unavailable', options.staffId ?? null, 'This time is not available for booking');
  }
  const team = service.staffCount > 1 ? slot.staffIds : [];
  const staffId = options.staffId ?? slot.staffIds[0] ?? null;
  return {
    staffId,
    teamStaffIds: team.filter((id) => id !== staffId),
    startsAt: start,
    endsAt: new Date(Date.parse(slot.endsAt)),
    ...(sessionKeyFor(service, staffId, start) ? { sessionKey: sessionKeyFor(service, staffId, start) } : {}),
    loaded,
  };
}

/** Someone else's booking, hold or busy block overlaps the start for the staff concerned. */
async function isHeld(loaded: LoadedAvailability, options: ResolveSlotOptions): Promise<boolean> {
  const end = options.start.getTime() + options.service.durationMinutes * 60_000;
  const concerned = options.staffId ? [options.staffId] : loaded.staff.map((s) => s.id);
  if (concerned.length === 0) return false;
  const blocks = [...(loaded.appointments ?? []), ...(loaded.busyBlocks ?? [])];
  const start = options.start.getTime();
  return concerned.every((staffId) => blocks.some((b) => b.staffId === staffId && toMs(b.startsAt) < end && toMs(b.endsAt) > start));
}

const toMs = (value: InstantInput): number => (value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value));

async function resolveForFrontDesk(options: ResolveSlotOptions): Promise<ResolvedSlot> {
  const { em, tenant, service, start, now } = options;
  const endsAt = new Date(start.getTime() + service.durationMinutes * 60_000);
  const loaded = await loadAvailabilityInput({
    em,
    tenant,
    service,
    from: start,
    to: endsAt,
    now,
    ...(options.staffId ? { onlyStaffIds: [options.staffId] } : {}),
    ...(options.excludeAppointmentId ? { excludeAppointmentId: options.excludeAppointmentId } : {}),
    ...(options.reuse?.loaded ? { reuse: options.reuse.loaded, onlyStaffIds: options.reuse.staffIds } : {}),
  });
  const check = (staffId: string): StaffTimeCheck =>
    checkStaffTime({ loaded, staffId, start: start.getTime(), seats: options.seats, enforceHours: !options.override, enforceBlockers: !options.override });
  const done = (staffId: string | null): ResolvedSlot => ({
    staffId,
    teamStaffIds: [],
    startsAt: start,
    endsAt,
    ...(sessionKeyFor(service, staffId, start) ? { sessionKey: sessionKeyFor(service, staffId, start) } : {}),
    loaded,
  });

  if (options.staffId) {
    const result = check(options.staffId);
    if (result.ok) return done(options.staffId);
    throw refusal(result, options.staffId);
  }
  // Nobody offers this service yet: the booking waits unassigned for the business to staff it.
  if (loaded.staff.length === 0) return done(null);
  const results = loaded.staff.map((s) => check(s.id));
  const free = results.filter((r) => r.ok).map((r) => r.staffId);
  // A class already under way with someone is joined before round robin opens another.
  const joined = results.find((r) => r.ok && (r.seatsTaken ?? 0) > 0);
  const chosen = joined?.staffId ?? pickRoundRobinStaff({ staff: loaded.staff, load: loaded.load, candidateStaffIds: free });
  if (chosen) return done(chosen);
  throw new SlotRefused(results.some((r) => r.problem === 'busy' || r.problem === 'session_full') ? 'taken' : 'outside_hours', null, 'Nobody who offers this service is free at that time');
}

function refusal(result: StaffTimeCheck, staffId: string): SlotRefused {
  if (result.problem === 'outside_hours') return new SlotRefused('outside_hours', staffId, 'This is outside the staff member’s working hours');
  if (result.problem === 'session_full') return new SlotRefused('session_full', staffId, 'This session has no seats left');
  return new SlotRefused('taken', staffId, 'The staff member is busy at that time');
}
