import { parseIsoDuration, type ParsedDuration } from '../../automation/dsl';

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks';

export const UNIT_LABELS: Record<DurationUnit, { one: string; many: string; short: string }> = {
  minutes: { one: 'minute', many: 'minutes', short: 'min' },
  hours: { one: 'hour', many: 'hours', short: 'h' },
  days: { one: 'day', many: 'days', short: 'd' },
  weeks: { one: 'week', many: 'weeks', short: 'wk' },
};

/** A duration as one amount and unit, when it is that simple ("PT2H" → 2 hours, "-P30D" → 30 days before). */
export interface SimpleDuration {
  amount: number;
  unit: DurationUnit;
  negative: boolean;
}

export function toSimple(iso: string | undefined): SimpleDuration | null {
  if (!iso) return null;
  const parsed = parseIsoDuration(iso);
  if (!parsed || parsed.years || parsed.months || parsed.seconds) return null;
  const parts: Array<[DurationUnit, number]> = [
    ['weeks', parsed.weeks],
    ['days', parsed.days],
    ['hours', parsed.hours],
    ['minutes', parsed.minutes],
  ];
  const set = parts.filter(([, n]) => n !== 0);
  if (set.length !== 1) return set.length === 0 ? { amount: 0, unit: 'hours', negative: parsed.sign < 0 } : null;
  const [unit, amount] = set[0]!;
  return { amount, unit, negative: parsed.sign < 0 };
}

export function fromSimple({ amount, unit, negative }: SimpleDuration): string {
  const n = Math.max(0, Math.round(amount));
  const body = unit === 'minutes' ? `PT${n}M` : unit === 'hours' ? `PT${n}H` : unit === 'days' ? `P${n}D` : `P${n}W`;
  return `${negative && n > 0 ? '-' : ''}${body}`;
}

function partsOf(parsed: ParsedDuration): string[] {
  const out: string[] = [];
  const add = (n: number, one: string, many: string) => {
    if (n) out.push(`${n} ${n === 1 ? one : many}`);
  };
  add(parsed.years, 'year', 'years');
  add(parsed.months, 'month', 'months');
  add(parsed.weeks, 'week', 'weeks');
  add(parsed.days, 'day', 'days');
  if (parsed.hours) out.push(`${parsed.hours} h`);
  if (parsed.minutes) out.push(`${parsed.minutes} min`);
  if (parsed.seconds) out.push(`${parsed.seconds} s`);
  return out;
}

/** "PT2H" → "2 h", "-P30D" → "30 days", "P1DT2H" → "1 day 2 h" (the sign is left to the sentence). */
export function humanDuration(iso: string | undefined): string {
  const parsed = iso ? parseIsoDuration(iso) : null;
  if (!parsed) return iso ? `“${iso}”` : '…';
  return partsOf(parsed).join(' ') || '0 min';
}

export function isNegative(iso: string | undefined): boolean {
  return !!iso && parseIsoDuration(iso)?.sign === -1;
}
