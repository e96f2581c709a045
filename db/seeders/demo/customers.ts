import { randomBytes } from 'node:crypto';
import { type ContactChannel, Customer } from '../../entities/customer';
import { type DemoContext, isoDate } from './context';
import { AREA_CODES, FIRST_NAMES, LAST_NAMES } from './names';
import type { DemoStaff } from './staff';

export const DEMO_CUSTOMER_COUNT = 40;

export interface DemoCustomer {
  entity: Customer;
  /** Typical days between visits for each pet: VIPs weekly, most every few weeks. */
  visitIntervalDays: number;
  /** Chance this person misses a booking without cancelling. */
  noShowRate: number;
}

const CUSTOMER_NOTES = [
  'Prefers text over calls.',
  'Pays by card on file; always asks for a receipt by email.',
  'Parks on 7th Ave; usually five minutes early.',
  'Ask before using cologne spray (allergies in the household).',
] as const;

export function buildCustomers(ctx: DemoContext, staff: DemoStaff[]): DemoCustomer[] {
  const { rng } = ctx;
  const firstNames = rng.shuffle(FIRST_NAMES);
  const lastNames = rng.shuffle(LAST_NAMES);
  const order = rng.shuffle(Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, i) => i));
  // One serial no-show whose reputation ends below the booking threshold, one merely flaky.
  const serialNoShow = order[0];
  const flaky = new Set(order.slice(1, 2));
  const unreliable = new Set(order.slice(2, 8));
  const vip = new Set(order.slice(8, 14));
  const recent = new Set(order.slice(14, 19));
  const birthdaySoon = new Set(order.slice(19, 21));
  const optedOut = order[21];

  return Array.from({ length: DEMO_CUSTOMER_COUNT }, (_, index) => {
    const first = firstNames[index % firstNames.length];
    const last = lastNames[index % lastNames.length];
    const name = `${first} ${last}`;
    const email = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com';
    const phone = `+1${rng.pick(AREA_CODES)}55501${String(10 + index).padStart(2, '0')}`;

    const createdAt = recent.has(index)
      ? ctx.now.minus({ days: rng.int(12, 60), hours: rng.int(0, 8) })
      : ctx.now.minus({ days: rng.int(95, 900), hours: rng.int(0, 8) });

    const smsOptIn = index !== optedOut && rng.chance(0.88);
    const emailOptIn = rng.chance(0.72);
    const whatsappOptIn = rng.chance(0.15);
    const channelPreferences: ContactChannel[] = [
      ...(whatsappOptIn ? (['whatsapp'] as const) : []),
      ...(smsOptIn ? (['sms'] as const) : []),
      'email',
    ];

    let birthday: string | undefined;
    if (birthdaySoon.has(index)) {
      birthday = isoDate(ctx.today.plus({ days: rng.int(1, 6) }).set({ year: rng.int(1965, 2000) }));
    } else if (rng.chance(0.75)) {
      birthday = isoDate(ctx.today.set({ year: rng.int(1958, 2003), month: rng.int(1, 12), day: rng.int(1, 28) }));
    }

    const tags: string[] = [];
    if (vip.has(index)) tags.push('vip');
    if (recent.has(index)) tags.push('new-client');
    if (!vip.has(index) && rng.chance(0.12)) tags.push('prefers-mornings');

    const entity = ctx.em.create(
      Customer,
      {
        tenantId: ctx.tenantId,
        name,
        email,
        phone,
        smsOptIn,
        emailOptIn,
        whatsappOptIn,
        channelPreferences,
        smsOptedOutAt: index === optedOut ? ctx.now.minus({ days: rng.int(5, 40) }).toJSDate() : undefined,
        preferredStaffId: rng.chance(0.35) ? rng.pick(staff).entity.id : undefined,
        birthday,
        tags,
        notes: rng.chance(0.15) ? rng.pick(CUSTOMER_NOTES) : undefined,
        feedToken: randomBytes(24).toString('base64url'),
        createdAt: createdAt.toJSDate(),
        updatedAt: createdAt.toJSDate(),
      },
      { persist: false },
    );

    const visitIntervalDays =
      vip.has(index) || index === serialNoShow ? rng.int(7, 10) : recent.has(index) ? 14 : rng.pick([14, 21, 28, 35, 42]);
    const noShowRate =
      index === serialNoShow ? 0.5 : flaky.has(index) ? 0.3 : unreliable.has(index) ? 0.12 : 0.025;
    return { entity, visitIntervalDays, noShowRate };
  });
}
