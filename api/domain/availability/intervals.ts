import type { Interval } from './types';

/**
 * Interval algebra over half-open epoch-millisecond spans [start, end). Every function that
 * takes a list expects it sorted by start and non-overlapping ("normalized"), as
 * `mergeIntervals` returns, and returns a normalized list. Empty spans are dropped.
 */

/** Sorts and unites overlapping or touching spans. Does not mutate its input. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) {
      if (end > last.end) last.end = end;
    } else {
      merged.push({ start, end });
    }
  }
  return merged;
}

/** The parts of `from` not covered by `remove`. Linear in the sum of both lengths. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let r = 0;
  for (const span of from) {
    let cursor = span.start;
    while (r < remove.length && remove[r].end <= cursor) r++;
    let k = r;
    while (k < remove.length && remove[k].start < span.end) {
      if (remove[k].start > cursor) result.push({ start: cursor, end: remove[k].start });
      if (remove[k].end > cursor) cursor = remove[k].end;
      if (cursor >= span.end) break;
      k++;
    }
    if (cursor < span.end) result.push({ start: cursor, end: span.end });
  }
  return result;
}

/** The spans covered by both lists. Linear in the sum of both lengths. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (start < end) result.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return result;
}

/** Index of the first span whose end is after `instant`, or `list.length`. Binary search. */
export function firstEndingAfter(list: readonly Interval[], instant: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].end > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether [start, end) shares any instant with a normalized list. O(log n). */
export function overlapsAny(list: readonly Interval[], start: number, end: number): boolean {
  const index = firstEndingAfter(list, start);
  return index < list.length && list[index].start < end;
}

/** Whether [start, end) lies entirely inside one span of a normalized list. O(log n). */
export function isCovered(list: readonly Interval[], start: number, end: number): boolean {
  const index = firstEndingAfter(list, start);
  return index < list.length && list[index].start <= start && list[index].end >= end;
}
