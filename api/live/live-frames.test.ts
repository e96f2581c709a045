import { ConnectionLimiter, defaultLiveLimits } from './connection-limits';
import { parseLiveFrame } from './live-frames';

describe('parseLiveFrame', () => {
  it('accepts the frames a client may send', () => {
    expect(parseLiveFrame('{"type":"ping"}')).toEqual({ ok: true, frame: { type: 'ping' } });
    expect(parseLiveFrame('{"type":"presence","state":"away"}')).toEqual({ ok: true, frame: { type: 'presence', state: 'away' } });
    const customerId = '4b6f9a36-7c1e-4a5e-9a39-2f4f0f6c1d2e';
    expect(parseLiveFrame(JSON.stringify({ type: 'typing', customerId }))).toEqual({ ok: true, frame: { type: 'typing', customerId } });
  });

  it('names the field at fault', () => {
    expect(parseLiveFrame('{"type":"presence","state":"asleep"}')).toMatchObject({ ok: false, field: 'state' });
    expect(parseLiveFrame('{"type":"typing","customerId":"bob"}')).toMatchObject({ ok: false, field: 'customerId' });
    expect(parseLiveFrame('{"type":"ping","extra":true}')).toMatchObject({ ok: false, field: 'extra' });
    expect(parseLiveFrame('{"type":"subscribe"}')).toMatchObject({ ok: false, field: 'type' });
    expect(parseLiveFrame('not json')).toMatchObject({ ok: false, message: 'The frame is not JSON' });
  });
});

describe('ConnectionLimiter', () => {
  it('caps open sockets per user and frees a place when one closes', () => {
    const limiter = new ConnectionLimiter({ ...defaultLiveLimits, maxPerUser: 2 });
    limiter.opened('10.0.0.1', 't1', 'u1');
    limiter.opened('10.0.0.2', 't1', 'u1');
    expect(limiter.admitSubject('u1')).toBe(false);
    expect(limiter.admitSubject('u2')).toBe(true);
    limiter.closed('10.0.0.2', 't1', 'u1');
    expect(limiter.admitSubject('u1')).toBe(true);
  });

  it('refuses an address over its attempt rate until the window passes', () => {
    const limiter = new ConnectionLimiter({ ...defaultLiveLimits, maxAttemptsPerIp: 2, attemptWindowMs: 1_000 });
    expect(limiter.admitAddress('ip', 0)).toBe(true);
    expect(limiter.admitAddress('ip', 10)).toBe(true);
    expect(limiter.admitAddress('ip', 20)).toBe(false);
    expect(limiter.admitAddress('ip', 1_500)).toBe(true);
  });
});
