import { canonicalJson, idempotentRequest, requestHash } from './idempotency';

describe('idempotency fingerprints', () => {
  test('key order does not change the fingerprint; values do', () => {
    const a = requestHash({ method: 'POST', path: '/api/appointments', body: { b: 1, a: { y: 2, x: [1, { d: 1, c: 2 }] } } });
    const b = requestHash({ method: 'post', path: '/api/appointments', body: { a: { x: [1, { c: 2, d: 1 }], y: 2 }, b: 1 } });
    const c = requestHash({ method: 'POST', path: '/api/appointments', body: { b: 2, a: { y: 2, x: [1, { d: 1, c: 2 }] } } });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  test('canonical JSON sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [null, 'x'] })).toBe('{"b":1,"c":[null,"x"]}');
  });

  test('the header must be short visible ASCII', () => {
    expect(idempotentRequest(undefined, { method: 'POST', path: '/x', body: {} })).toBeUndefined();
    expect(idempotentRequest('abc-123', { method: 'POST', path: '/x', body: {} })?.key).toBe('abc-123');
    expect(() => idempotentRequest('x'.repeat(256), { method: 'POST', path: '/x', body: {} })).toThrow(/Idempotency-Key/);
    expect(() => idempotentRequest('has space', { method: 'POST', path: '/x', body: {} })).toThrow(/Idempotency-Key/);
  });
});
