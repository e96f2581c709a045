import { retryDelayMs, retryPolicy } from './retry-delay';

test('a failed signal is retried after 1 s, then 2, 4, 8 s…, never more than 5 minutes apart', () => {
  const middle = () => 0.5;
  expect([1, 2, 3, 4].map((n) => retryDelayMs(n, middle))).toEqual([1_000, 2_000, 4_000, 8_000]);
  expect(retryDelayMs(9, middle)).toBe(256_000);
  expect(retryDelayMs(10, middle)).toBe(retryPolicy.maxMs);
  expect(retryDelayMs(60, middle)).toBe(retryPolicy.maxMs);
});

test('replicas spread their retries by up to 20 % either way', () => {
  expect(retryDelayMs(3, () => 0)).toBe(3_200);
  expect(retryDelayMs(3, () => 0.999_999)).toBe(4_800);
});
