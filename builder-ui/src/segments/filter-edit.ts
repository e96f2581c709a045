import type { SegmentFilter } from './segments-api';

/** "vip, dog" → ["vip", "dog"]; empty → undefined. */
export function listOf(text: string): string[] | undefined {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

/** A number field's value, or undefined when empty or not a number. */
export function numberOf(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Drops empty condition groups, so the saved filter holds only what the owner set. */
export function compact(filter: SegmentFilter): SegmentFilter {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length) out[key] = value;
      continue;
    }
    const inner = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
    if (Object.keys(inner).length) out[key] = inner;
  }
  return out as SegmentFilter;
}
