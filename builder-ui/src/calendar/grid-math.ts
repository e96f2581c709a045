import { DateTime } from 'luxon';
import type { Appointment } from '../api/calendar';

export const PX_PER_HOUR = 64;
export const PX_PER_MINUTE = PX_PER_HOUR / 60;
export const SNAP_MINUTES = 15;

/** Minutes since local midnight of the column's day (wall clock in the zone; a DST day keeps its labels). */
export function minutesIntoDay(iso: string, dayKey: string, zone: string): number {
  const t = DateTime.fromISO(iso).setZone(zone);
  const day = DateTime.fromISO(dayKey, { zone }).startOf('day');
  const days = Math.round(t.startOf('day').diff(day, 'days').days);
  return days * 1440 + t.hour * 60 + t.minute;
}

/** The instant at a wall-clock minute of a local day. */
export function instantAt(dayKey: string, minutes: number, zone: string): string {
  return DateTime.fromISO(dayKey, { zone })
    .startOf('day')
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toISO() as string;
}

export const snap = (minutes: number) => Math.round(minutes / SNAP_MINUTES) * SNAP_MINUTES;

export interface Placed {
  appointment: Appointment;
  top: number;
  height: number;
  lane: number;
  lanes: number;
}

/** Blocks of one column, overlapping ones side by side. */
export function placeBlocks(appointments: Appointment[], dayKey: string, zone: string, startHour: number): Placed[] {
  const sorted = [...appointments].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(b.endsAt) - Date.parse(a.endsAt));
  const placed: Placed[] = [];
  let cluster: Placed[] = [];
  let clusterEnd = -Infinity;
  const laneEnds: number[] = [];
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((p) => p.lane + 1));
    for (const p of cluster) p.lanes = lanes;
    cluster = [];
    laneEnds.length = 0;
  };
  for (const appointment of sorted) {
    const start = minutesIntoDay(appointment.startsAt, dayKey, zone);
    const end = Math.max(start + 10, minutesIntoDay(appointment.endsAt, dayKey, zone));
    if (start >= clusterEnd) {
      close();
      clusterEnd = end;
    } else clusterEnd = Math.max(clusterEnd, end);
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = end;
    const item: Placed = { appointment, top: (start - startHour * 60) * PX_PER_MINUTE, height: (end - start) * PX_PER_MINUTE, lane, lanes: 1 };
    cluster.push(item);
    placed.push(item);
  }
  close();
  return placed;
}
