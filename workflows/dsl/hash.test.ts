import { chooseVariant, fnv1a32, hashToUnit, splitSeed } from './hash';

describe('sticky split', () => {
  const variants = [
    { id: 'a', label: 'A', weight: 50 },
    { id: 'b', label: 'B', weight: 30 },
    { id: 'c', label: 'C', weight: 20 },
  ];

  it('uses FNV-1a', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('gives a customer the same variant every time', () => {
    const seed = splitSeed({ customerId: 'cust-42', automationId: 'auto-1', nodeId: 'split' });
    const first = chooseVariant(variants, seed).id;
    for (let i = 0; i < 100; i += 1) expect(chooseVariant(variants, seed).id).toBe(first);
    expect(hashToUnit(seed)).toBeGreaterThanOrEqual(0);
    expect(hashToUnit(seed)).toBeLessThan(1);
  });

  it('splits customers in proportion to the weights', () => {
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    const n = 20_000;
    for (let i = 0; i < n; i += 1) {
      counts[chooseVariant(variants, splitSeed({ customerId: `cust-${i}`, automationId: 'auto-1', nodeId: 'split' })).id] += 1;
    }
    expect(counts.a / n).toBeCloseTo(0.5, 1);
    expect(counts.b / n).toBeCloseTo(0.3, 1);
    expect(counts.c / n).toBeCloseTo(0.2, 1);
    expect(Math.abs(counts.a / n - 0.5)).toBeLessThan(0.02);
  });

  it('draws independently for two automations', () => {
    let same = 0;
    const n = 5_000;
    const ab = variants.slice(0, 2).map((v) => ({ ...v, weight: 1 }));
    for (let i = 0; i < n; i += 1) {
      const one = chooseVariant(ab, splitSeed({ customerId: `c${i}`, automationId: 'x', nodeId: 's' })).id;
      const two = chooseVariant(ab, splitSeed({ customerId: `c${i}`, automationId: 'y', nodeId: 's' })).id;
      if (one === two) same += 1;
    }
    expect(same / n).toBeGreaterThan(0.45);
    expect(same / n).toBeLessThan(0.55);
  });
});
