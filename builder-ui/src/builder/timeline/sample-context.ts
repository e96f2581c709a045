import { DateTime } from 'luxon';
import type { SessionTenant } from '../../api/types';

/** A believable run context for previews: an appointment three days out at 10:00 in the business's zone. */
export function sampleContext(tenant: SessionTenant, now: DateTime = DateTime.now()): Record<string, unknown> {
  const zone = tenant.timezone;
  const start = now.setZone(zone).plus({ days: 3 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  return {
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, timezone: zone, reviewUrl: `https://example.com/${tenant.slug}/review` },
    appointment: {
      id: 'sample-appointment',
      startsAt: start.toISO(),
      endsAt: start.plus({ hours: 1 }).toISO(),
      status: 'confirmed',
      priceCents: 6500,
      durationMinutes: 60,
      source: 'online',
      createdAt: now.setZone(zone).toISO(),
    },
    service: { id: 'sample-service', name: 'Full groom', durationMinutes: 60, priceCents: 6500 },
    staff: { id: 'sample-staff', name: 'Jamie Rivera' },
    customer: {
      id: 'sample-customer',
      name: 'Alex Morgan',
      firstName: 'Alex',
      phone: '+15550100100',
      email: 'alex.morgan@example.com',
      smsOptIn: true,
      emailOptIn: true,
      whatsappOptIn: false,
      reputationScore: 80,
      noShowCount: 0,
      visitCount: 4,
      tags: [],
      timezone: zone,
    },
    pets: [{ id: 'sample-pet', name: 'Biscuit', species: 'dog', breed: 'Cockapoo' }],
  };
}
