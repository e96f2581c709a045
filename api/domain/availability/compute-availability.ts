import { ZoneClock } from './local-time';
import { prepareService, startWindow } from './prepare-request';
import { rankStaffByRoundRobin } from './round-robin';
import { findStaffSlots, type StaffSlot } from './slots';
import { type CalendarContext, type StaffInput, buildStaffCalendar } from './staff-calendar';
import type { AvailabilityInput, AvailableSlot, DateOverride, StaffMember } from './types';
import { groupOverridesByDay } from './working-hours';

interface SlotCandidates {
  start: number;
  end: number;
  offers: Array<StaffSlot & { staffId: string }>;
}

function bucketByStaff(input: AvailabilityInput, staff: readonly StaffMember[]): Map<string, StaffInput> {
  const buckets = new Map<string, StaffInput>();
  const overrides = new Map<string, DateOverride[]>();
  for (const member of staff) {
    buckets.set(member.id, { rules: [], overrides: new Map(), blocks: [], appointments: [] });
    overrides.set(member.id, []);
  }
  for (const rule of input.rules) buckets.get(rule.staffId)?.rules.push(rule);
  for (const block of input.timeOff ?? []) buckets.get(block.staffId)?.blocks.push(block);
  for (const block of input.busyBlocks ?? []) buckets.get(block.staffId)?.blocks.push(block);
  for (const appointment of input.appointments ?? []) {
    if (appointment.staffId) buckets.get(appointment.staffId)?.appointments.push(appointment);
  }
  for (const override of input.overrides ?? []) if (override.staffId) overrides.get(override.staffId)?.push(override);
  for (const [staffId, list] of overrides) buckets.get(staffId)!.overrides = groupOverridesByDay(list);
  return buckets;
}

/**
 * Bookable slots of one service: every start on the local wall-clock grid where enough
 * staff are free, with who can take it (best first by round robin). See docs/availability.md.
 */
export function computeAvailability(input: AvailabilityInput): AvailableSlot[] {
  const service = prepareService(input.service);
  const tenant = ZoneClock.of(input.tenantTimezone);
  const window = startWindow(input, service, tenant);
  if (window.earliestStart >= window.startLimit) return [];

  const collective = service.staffCount > 1;
  const requested = new Set(input.staffIds ?? []);
  const qualified = input.staff.filter((m) => m.active !== false && m.serviceIds.includes(service.id));
  // A staff filter narrows who may take a slot; for a collective service it names who must be in the team.
  const eligible = collective || requested.size === 0 ? qualified : qualified.filter((m) => requested.has(m.id));
  const required = collective ? qualified.filter((m) => requested.has(m.id)).map((m) => m.id) : [];
  if (required.length < (collective ? requested.size : 0) || required.length > service.staffCount) return [];
  if (eligible.length < service.staffCount) return [];

  const context: CalendarContext = {
    service,
    window,
    businessOverrides: groupOverridesByDay((input.overrides ?? []).filter((o) => o.staffId == null)),
    serviceBuffers: new Map((input.serviceBuffers ?? []).map((s) => [s.id, s])),
  };
  const rules = { ...service, ...window, seats: input.seats ?? 1 };
  const buckets = bucketByStaff(input, eligible);
  const candidates = new Map<string, SlotCandidates>();
  for (const member of eligible) {
    const zone = member.timezone ? ZoneClock.of(member.timezone) : tenant;
    const calendar = buildStaffCalendar(member.id, zone, buckets.get(member.id)!, context);
    for (const slot of findStaffSlots(calendar, rules)) {
      const key = `${slot.start}/${slot.end}`;
      let entry = candidates.get(key);
      if (!entry) candidates.set(key, (entry = { start: slot.start, end: slot.end, offers: [] }));
      entry.offers.push({ ...slot, staffId: member.id });
    }
  }

  const rank = new Map(rankStaffByRoundRobin({ staff: eligible, load: input.load }).map((id, index) => [id, index]));
  const requiredSet = new Set(required);
  const slots: AvailableSlot[] = [];
  const ordered = [...candidates.values()].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const { start, end, offers } of ordered) {
    if (offers.length < service.staffCount) continue;
    // Filling a session that already has people beats opening another one; then round robin.
    offers.sort(
      (a, b) => Number(b.joinsSession) - Number(a.joinsSession) || rank.get(a.staffId)! - rank.get(b.staffId)!,
    );
    let chosen = offers;
    if (collective) {
      const must = offers.filter((o) => requiredSet.has(o.staffId));
      if (must.length < required.length) continue;
      const fill = offers.filter((o) => !requiredSet.has(o.staffId)).slice(0, service.staffCount - must.length);
      const picked = new Set([...must, ...fill]);
      chosen = offers.filter((o) => picked.has(o));
    }
    const slot: AvailableSlot = {
      startsAt: tenant.formatIso(start),
      endsAt: tenant.formatIso(end),
      staffIds: chosen.map((o) => o.staffId),
    };
    if (service.capacity > 1) {
      slot.seatsLeft = collective ? Math.min(...chosen.map((o) => o.seatsLeft)) : chosen[0].seatsLeft;
      slot.seatsLeftByStaff = Object.fromEntries(chosen.map((o) => [o.staffId, o.seatsLeft]));
    }
    slots.push(slot);
  }
  return slots;
}
