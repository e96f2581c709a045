import { Tenant } from '../../../db/entities';
import { enforcePolicyWindow, explainWindow, policyWindow } from './policy-window';
import { perSeatPrice } from './price-booking';
import { Service } from '../../../db/entities';

const tenant = Object.assign(new Tenant(), { name: 'Pawsh', slug: 'pawsh', timezone: 'America/New_York' });
const startsAt = new Date('2026-06-10T14:00:00Z');

describe('policy windows', () => {
  test('the cancel window closes 24 h and the reschedule window 2 h before the start by default', () => {
    expect(policyWindow(tenant, 'cancel', startsAt, new Date('2026-06-09T13:59:00Z')).inside).toBe(false);
    expect(policyWindow(tenant, 'cancel', startsAt, new Date('2026-06-09T14:01:00Z')).inside).toBe(true);
    expect(policyWindow(tenant, 'reschedule', startsAt, new Date('2026-06-10T11:59:00Z')).inside).toBe(false);
    expect(policyWindow(tenant, 'reschedule', startsAt, new Date('2026-06-10T12:01:00Z')).inside).toBe(true);
  });

  test('customers are refused inside the window with the rule in words; staff pass as an override', () => {
    const now = new Date('2026-06-10T00:00:00Z');
    expect(() => enforcePolicyWindow({ tenant, action: 'cancel', appointment: { startsAt }, actor: 'customer', now })).toThrow(
      expect.objectContaining({ code: 'CANCEL_WINDOW_CLOSED' }),
    );
    expect(enforcePolicyWindow({ tenant, action: 'cancel', appointment: { startsAt }, actor: 'staff', now }).overridden).toBe(true);
    expect(explainWindow(tenant, policyWindow(tenant, 'cancel', startsAt, now))).toBe(
      'Pawsh lets bookings be cancelled online up to 24 hours before the start; for this one that was Tue 9 Jun at 10:00 AM EDT. Please call Pawsh to change it.',
    );
  });

  test('group tiers price each seat from the largest party size reached', () => {
    const service = Object.assign(new Service(), { priceCents: 3000, groupPriceTiers: [{ minSeats: 3, perSeatCents: 2500 }, { minSeats: 6, perSeatCents: 2000 }] });
    expect([1, 2, 3, 5, 6, 9].map((seats) => perSeatPrice(service, seats))).toEqual([3000, 3000, 2500, 2500, 2000, 2000]);
  });
});
