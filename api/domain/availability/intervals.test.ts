import { intersectIntervals, isCovered, mergeIntervals, overlapsAny, subtractIntervals } from './intervals';
import type { Interval } from './types';

const iv = (start: number, end: number): Interval => ({ start, end });

/** Minute-by-minute truth for a small domain, to check the interval maths against. */
function cover(list: readonly Interval[], size: number): boolean[] {
  const bits = Array<boolean>(size).fill(false);
  for (const { start, end } of list) for (let t = start; t < end; t++) bits[t] = true;
  return bits;
}

function fromBits(bits: readonly boolean[]): Interval[] {
  const result: Interval[] = [];
  bits.forEach((on, t) => {
    if (!on) return;
    const last = result[result.length - 1];
    if (last && last.end === t) last.end = t + 1;
    else result.push(iv(t, t + 1));
  });
  return result;
}

function randomIntervals(seed: number, count: number, size: number): Interval[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) % size;
  return Array.from({ length: count }, () => {
    const a = next();
    const b = next();
    return iv(Math.min(a, b), Math.max(a, b) + 1);
  });
}

describe('interval algebra', () => {
  test('merge sorts, unites overlapping and touching spans and drops empty ones', () => {
    expect(mergeIntervals([iv(5, 7), iv(1, 3), iv(3, 4), iv(6, 9), iv(10, 10)])).toEqual([iv(1, 4), iv(5, 9)]);
  });

  test('subtract cuts holes and trims edges', () => {
    expect(subtractIntervals([iv(0, 10), iv(20, 30)], [iv(2, 4), iv(8, 22), iv(29, 40)])).toEqual([
      iv(0, 2),
      iv(4, 8),
      iv(22, 29),
    ]);
  });

  test('intersect keeps only the common parts', () => {
    expect(intersectIntervals([iv(0, 10), iv(20, 30)], [iv(5, 25)])).toEqual([iv(5, 10), iv(20, 25)]);
  });

  test('overlap and coverage lookups treat spans as half-open', () => {
    const list = [iv(10, 20), iv(30, 40)];
    expect(overlapsAny(list, 20, 30)).toBe(false);
    expect(overlapsAny(list, 19, 21)).toBe(true);
    expect(overlapsAny(list, 0, 10)).toBe(false);
    expect(isCovered(list, 10, 20)).toBe(true);
    expect(isCovered(list, 15, 31)).toBe(false);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('random lists agree with a minute-by-minute check (seed %i)', (seed) => {
    const size = 200;
    const a = mergeIntervals(randomIntervals(seed, 12, size));
    const b = mergeIntervals(randomIntervals(seed * 7919, 12, size));
    const bitsA = cover(a, size);
    const bitsB = cover(b, size);
    expect(subtractIntervals(a, b)).toEqual(fromBits(bitsA.map((on, t) => on && !bitsB[t])));
    expect(intersectIntervals(a, b)).toEqual(fromBits(bitsA.map((on, t) => on && bitsB[t])));
    for (let t = 0; t < size - 5; t += 3) {
      expect(overlapsAny(b, t, t + 5)).toBe(bitsB.slice(t, t + 5).some(Boolean));
    }
  });
});
