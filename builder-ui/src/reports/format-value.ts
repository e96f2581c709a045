import type { ColumnType, ValueUnit } from '../api/reports';

/** A figure as it reads on screen: money (integer cents) in the tenant's currency, rates as percentages. */
export function formatValue(value: string | number | null | undefined, type: ColumnType, currency: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return type === 'date' ? value.slice(0, 10) : humanize(value);
  switch (type) {
    case 'money':
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value / 100);
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'hours':
      return `${value.toFixed(1)} h`;
    case 'days':
      return `${value.toFixed(1)} d`;
    case 'count':
      return new Intl.NumberFormat().format(value);
    default:
      return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
  }
}

/** A short axis tick: "$1.2K", "12%", "3.5 h". */
export function formatTick(value: number, unit: ValueUnit, currency: string): string {
  if (unit === 'money') return new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value / 100);
  if (unit === 'percent') return `${Math.round(value * 100)}%`;
  const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return unit === 'hours' ? `${compact} h` : unit === 'days' ? `${compact} d` : compact;
}

export function unitAxisLabel(unit: ValueUnit, currency: string): string {
  switch (unit) {
    case 'money': return `Amount (${currency})`;
    case 'percent': return 'Rate';
    case 'hours': return 'Hours';
    case 'days': return 'Days';
    default: return 'Count';
  }
}

/** A local date as "Mar 4" (day/week buckets), "Mar 2025" (months) or "2025" (years). */
export function formatBucket(bucket: string, groupBy: string): string {
  const date = new Date(`${bucket.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return bucket;
  if (groupBy === 'year') return String(date.getUTCFullYear());
  if (groupBy === 'month') return new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

export function formatLocalDate(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** A relative change such as +12.5% or −3.0%; null when there is no previous figure to compare with. */
export function formatChange(change: number | null): string | null {
  if (change === null) return null;
  const pct = Math.abs(change * 100).toFixed(1);
  return change > 0 ? `+${pct}%` : change < 0 ? `−${pct}%` : '0.0%';
}

/** Codes such as no_show or checked_in read as "No show", "Checked in"; any other text is left as it is. */
export function humanize(text: string): string {
  return /^[a-z]+(_[a-z]+)+$/.test(text) ? text[0]!.toUpperCase() + text.slice(1).replace(/_/g, ' ') : text;
}
