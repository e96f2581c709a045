import { DAY_MS } from '../../domain/availability/local-time';
import type { InstantInput } from '../../domain/availability';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** A bare date reads as a local day somewhere between UTC−14 and UTC+14: widen it by a day each side. */
function bound(value: InstantInput, side: 'from' | 'to'): number {
  if (typeof value === 'string' && datePattern.test(value)) {
    const midnight = Date.parse(`${value}T00:00:00Z`);
    return side === 'from' ? midnight - DAY_MS : midnight + 2 * DAY_MS;
  }
  const instant = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return instant;
}

/**
 * The span of rows the engine may look at for slots starting in [from, to): padded for buffers
 * (a day covers any buffer), and for multi-day services by the working days they run over.
 */
export function rowsWindow(from: InstantInput, to: InstantInput, serviceDays: number): { from: Date; to: Date } {
  const start = bound(from, 'from') - DAY_MS;
  const end = bound(to, 'to') + DAY_MS + (serviceDays > 1 ? ((serviceDays - 1) * 7 + 7) * DAY_MS : 0);
  return { from: new Date(start), to: new Date(end) };
}

export function isoDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}
