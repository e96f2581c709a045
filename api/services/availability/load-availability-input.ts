import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Appointment,
  AvailabilityRule,
  DateOverride,
  ExternalBusy,
  Service,
  Staff,
  type Tenant,
  TimeOff,
  WaitlistOffer,
} from '../../../db/entities';
import type { AvailabilityInput, BusyBlock, ExistingAppointment, InstantInput, RoundRobinLoad } from '../../domain/availability';
import { parallelReads } from '../parallel-reads';
import { isoDate, rowsWindow } from './availability-window';

/** Round robin counts bookings of the last 30 days plus everything booked ahead (docs/availability.md). */
export const FAIRNESS_WINDOW_DAYS = 30;

export interface LoadAvailabilityOptions {
  em: EntityManager;
  tenant: Tenant;
  service: Service;
  from: InstantInput;
  to: InstantInput;
  now: Date;
  /** A booking that is moving: it must not block its own new time. */
  excludeAppointmentId?: string;
  /** Waitlist holds of this customer do not block them (they are the one it is held for). */
  holdsFor?: { customerId?: string; offerId?: string };
  /** Load these staff members (whether or not they offer the service) instead of the qualified ones. */
  onlyStaffIds?: readonly string[];
  /**
   * Data read moments ago for the same window (the check before the lock): keep its staff, hours
   * and load, and read again only what another booking can have changed, for `onlyStaffIds`.
   */
  reuse?: LoadedAvailability;
}

export type LoadedAvailability = Omit<AvailabilityInput, 'from' | 'to' | 'now' | 'staffIds' | 'seats'>;

/** Each collective booking blocks every member of its team. */
type AppointmentRow = Pick<Appointment, 'staffId' | 'teamStaffIds' | 'startsAt' | 'endsAt' | 'serviceId' | 'status' | 'seats' | 'createdAt'>;

function expandTeams(rows: readonly AppointmentRow[]): ExistingAppointment[] {
  const out: ExistingAppointment[] = [];
  for (const a of rows) {
    const base = { startsAt: a.startsAt, endsAt: a.endsAt, serviceId: a.serviceId, status: a.status, seatsTaken: a.seats, bookedAt: a.createdAt };
    out.push({ ...base, staffId: a.staffId ?? null });
    for (const member of a.teamStaffIds) out.push({ ...base, staffId: member });
  }
  return out;
}

/**
 * Everything the availability engine needs about one service, read from the tenant's rows:
 * qualified staff, their hours, overrides, time off, external busy blocks, waitlist holds,
 * existing appointments (with their services' buffers) and the round-robin load.
 */
export async function loadAvailabilityInput(options: LoadAvailabilityOptions): Promise<LoadedAvailability> {
  const { em, service, tenant } = options;
  const window = rowsWindow(options.from, options.to, service.days);
  if (options.reuse) return refreshBlockers(options, options.reuse, window);
  const staff = await em.find(
    Staff,
    options.onlyStaffIds ? { id: { $in: [...options.onlyStaffIds] } } : { active: true, serviceIds: { $contains: [service.id] } },
    { orderBy: { id: 'asc' } },
  );
  const staffIds = staff.map((s) => s.id);
  if (staffIds.length === 0) {
    return { tenantTimezone: tenant.timezone, service: serviceSpec(service), staff: [], rules: [] };
  }
  const [rules, overrides, blockers, load] = await parallelReads(em, [
    () => em.find(AvailabilityRule, { staffId: { $in: staffIds } }),
    () => em.find(DateOverride, {
      $or: [{ staffId: { $in: staffIds } }, { staffId: null }],
      date: { $gte: isoDate(window.from.getTime()), $lte: isoDate(window.to.getTime()) },
    }),
    () => blockersOf(em, options, staffIds, window),
    () => loadRoundRobin(em, tenant.id, staffIds, options.now),
  ] as const);
  const otherServiceIds = [...new Set(blockers.appointments.map((a) => a.serviceId).filter((id) => id !== service.id))];
  const buffers = otherServiceIds.length
    ? await em.find(Service, { id: { $in: otherServiceIds } }, { fields: ['id', 'bufferBeforeMinutes', 'bufferAfterMinutes'] })
    : [];
  return {
    tenantTimezone: tenant.timezone,
    service: serviceSpec(service),
    staff: staff.map((s) => ({ id: s.id, weight: s.weight, serviceIds: s.serviceIds, timezone: s.timezone ?? null, active: s.active })),
    rules: rules.map((r) => ({ staffId: r.staffId, weekday: r.weekday, startTime: r.startTime, endTime: r.endTime })),
    overrides: overrides.map((o) => ({ staffId: o.staffId ?? null, date: o.date, closed: o.closed, startTime: o.startTime ?? null, endTime: o.endTime ?? null })),
    ...blockers,
    serviceBuffers: buffers.map((s) => ({ id: s.id, bufferBeforeMinutes: s.bufferBeforeMinutes, bufferAfterMinutes: s.bufferAfterMinutes })),
    load,
  };
}

/** Appointments, holds, time off and busy blocks of the staff concerned, read again; the rest reused. */
async function refreshBlockers(options: LoadAvailabilityOptions, reuse: LoadedAvailability, window: { from: Date; to: Date }): Promise<LoadedAvailability> {
  const { em } = options;
  const staffIds = options.onlyStaffIds ? [...options.onlyStaffIds] : reuse.staff.map((s) => s.id);
  if (staffIds.length === 0) return reuse;
  const fresh = await blockersOf(em, options, staffIds, window);
  const others = (rows: readonly { staffId: string | null }[] | undefined) => (rows ?? []).filter((r) => !r.staffId || !staffIds.includes(r.staffId));
  const known = new Set([options.service.id, ...(reuse.serviceBuffers ?? []).map((b) => b.id)]);
  const missing = [...new Set(fresh.appointments.map((a) => a.serviceId).filter((id) => !known.has(id)))];
  const buffers = missing.length ? await em.find(Service, { id: { $in: missing } }, { fields: ['id', 'bufferBeforeMinutes', 'bufferAfterMinutes'] }) : [];
  return {
    ...reuse,
    timeOff: [...(others(reuse.timeOff) as BusyBlock[]), ...fresh.timeOff],
    busyBlocks: [...(others(reuse.busyBlocks) as BusyBlock[]), ...fresh.busyBlocks],
    appointments: [...others(reuse.appointments), ...fresh.appointments] as ExistingAppointment[],
    serviceBuffers: [...(reuse.serviceBuffers ?? []), ...buffers.map((b) => ({ id: b.id, bufferBeforeMinutes: b.bufferBeforeMinutes, bufferAfterMinutes: b.bufferAfterMinutes }))],
  };
}

/** What another booking, a hold or a calendar sync can change between two reads. */
async function blockersOf(em: EntityManager, options: LoadAvailabilityOptions, staffIds: string[], window: { from: Date; to: Date }) {
  const span = { startsAt: { $lt: window.to }, endsAt: { $gt: window.from } };
  const [timeOff, busy, holds, appointments] = await parallelReads(em, [
    () => em.find(TimeOff, { staffId: { $in: staffIds }, ...span }),
    () => em.find(ExternalBusy, { staffId: { $in: staffIds }, ...span }),
    () => em.find(WaitlistOffer, { staffId: { $in: staffIds }, status: 'pending', expiresAt: { $gt: options.now }, ...span }),
    () => em.find(
      Appointment,
      {
        status: { $ne: 'cancelled' },
        $or: [{ staffId: { $in: staffIds } }, ...staffIds.map((id) => ({ teamStaffIds: { $contains: [id] } }))],
        ...span,
        ...(options.excludeAppointmentId ? { id: { $ne: options.excludeAppointmentId } } : {}),
      },
      { fields: ['id', 'staffId', 'teamStaffIds', 'startsAt', 'endsAt', 'serviceId', 'status', 'seats', 'createdAt'] },
    ),
  ] as const);
  const ownHold = (o: WaitlistOffer) => o.id === options.holdsFor?.offerId || (options.holdsFor?.customerId !== undefined && o.customerId === options.holdsFor.customerId);
  return {
    timeOff: timeOff.map((t) => ({ staffId: t.staffId, startsAt: t.startsAt, endsAt: t.endsAt })),
    busyBlocks: [
      ...busy.map((b) => ({ staffId: b.staffId, startsAt: b.startsAt, endsAt: b.endsAt })),
      ...holds.filter((o) => o.staffId && !ownHold(o)).map((o) => ({ staffId: o.staffId as string, startsAt: o.startsAt, endsAt: o.endsAt })),
    ],
    appointments: expandTeams(appointments),
  };
}

export function serviceSpec(service: Service): AvailabilityInput['service'] {
  return {
    id: service.id,
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    capacity: service.capacity,
    staffCount: service.staffCount,
    days: service.days,
    minNoticeMinutes: service.minNoticeMinutes,
    maxAdvanceDays: service.maxAdvanceDays ?? null,
    slotIntervalMinutes: service.slotIntervalMinutes ?? null,
  };
}

/** Bookings per staff member since the start of the fairness window, counted in SQL. */
async function loadRoundRobin(em: EntityManager, tenantId: string, staffIds: string[], now: Date): Promise<RoundRobinLoad[]> {
  const since = new Date(now.getTime() - FAIRNESS_WINDOW_DAYS * 86_400_000);
  const rows = await em.execute<Array<{ staff_id: string; bookings: number; last_booked_at: Date | null }>>(
    `select staff_id, count(*)::int as bookings, max(created_at) as last_booked_at from appointments
      where tenant_id = ? and staff_id = any(?::uuid[]) and status <> 'cancelled' and starts_at >= ? group by staff_id`,
    [tenantId, `{${staffIds.join(',')}}`, since],
  );
  return rows.map((r) => ({ staffId: r.staff_id, bookings: Number(r.bookings), lastBookedAt: r.last_booked_at ?? null }));
}
