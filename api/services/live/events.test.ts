import { parseLiveNotification } from './events';

describe('parseLiveNotification', () => {
  it('accepts a well-formed payload', () => {
    const parsed = parseLiveNotification(JSON.stringify({ tenantId: 't1', type: 'booking.created', data: { appointmentId: 'a1' } }));
    expect(parsed).toEqual({ tenantId: 't1', type: 'booking.created', data: { appointmentId: 'a1' } });
  });

  it('rejects unknown types, missing tenants and broken JSON', () => {
    expect(parseLiveNotification(JSON.stringify({ tenantId: 't1', type: 'nope', data: {} }))).toBeUndefined();
    expect(parseLiveNotification(JSON.stringify({ type: 'booking.created', data: {} }))).toBeUndefined();
    expect(parseLiveNotification('{')).toBeUndefined();
    expect(parseLiveNotification(undefined)).toBeUndefined();
  });

  it('defaults data to an empty object', () => {
    expect(parseLiveNotification(JSON.stringify({ tenantId: 't1', type: 'message.status', data: [1] }))?.data).toEqual({});
  });
});
