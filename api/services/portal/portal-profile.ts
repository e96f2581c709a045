import { Appointment, AuditLog, Customer, Payment, Service, Staff, Tenant } from '../../../db/entities';
import type { PortalContext } from '../../middleware/authenticate-customer';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';

export interface PortalPreferences {
  channelPreferences: Array<'sms' | 'whatsapp' | 'email'>;
  preferredStaffId: string | null;
  notificationsEnabled: boolean;
  marketingOptIn: boolean;
  smsOptIn: boolean;
  emailOptIn: boolean;
  whatsappOptIn: boolean;
}

const preferencesOf = (c: Customer): PortalPreferences => ({
  channelPreferences: c.channelPreferences,
  preferredStaffId: c.preferredStaffId ?? null,
  notificationsEnabled: c.notificationsEnabled,
  marketingOptIn: c.marketingOptIn,
  smsOptIn: c.smsOptIn,
  emailOptIn: c.emailOptIn,
  whatsappOptIn: c.whatsappOptIn,
});

export async function portalMe(portal: PortalContext) {
  const [customer, tenant] = await Promise.all([
    portal.em.findOneOrFail(Customer, { id: portal.customerId }),
    portal.em.findOneOrFail(Tenant, { id: portal.tenantId }),
  ]);
  return {
    customer: { id: customer.id, name: customer.name, email: customer.email ?? null, phone: customer.phone ?? null, timezone: customer.timezone ?? tenant.timezone, deletionRequestedAt: customer.deletionRequestedAt?.toISOString() ?? null },
    business: { name: tenant.name, slug: tenant.slug, timezone: tenant.timezone, currency: tenant.currency, branding: tenant.branding, policies: { cancelWindowHours: tenant.policies.cancelWindowHours, rescheduleWindowHours: tenant.policies.rescheduleWindowHours } },
    preferences: preferencesOf(customer),
  };
}

export async function getPreferences(portal: PortalContext): Promise<PortalPreferences> {
  return preferencesOf(await portal.em.findOneOrFail(Customer, { id: portal.customerId }));
}

/** The customer changes how and whether we contact them; consent changes are audit-logged. */
export async function updatePreferences(portal: PortalContext, input: Partial<PortalPreferences>): Promise<PortalPreferences> {
  const customer = await portal.em.findOneOrFail(Customer, { id: portal.customerId });
  if (input.preferredStaffId) {
    const staff = await portal.em.findOne(Staff, { id: input.preferredStaffId, active: true });
    if (!staff) throw new AppError('INVALID_REFERENCE', 'preferredStaffId: no such staff member', [{ path: 'preferredStaffId', message: 'No such staff member' }]);
  }
  const before = preferencesOf(customer);
  portal.em.assign(customer, { ...input, preferredStaffId: input.preferredStaffId === null ? undefined : (input.preferredStaffId ?? customer.preferredStaffId) });
  if (input.smsOptIn === true) customer.smsOptedOutAt = undefined;
  const after = preferencesOf(customer);
  const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof PortalPreferences])).map(([k, v]) => [k, [before[k as keyof PortalPreferences], v]]));
  if (Object.keys(changed).length > 0) {
    createInTenant(portal, AuditLog, { action: 'customer.preferences', entityType: 'customer', entityId: customer.id, reason: 'customer via portal', changes: changed, requestId: portal.requestId });
  }
  await portal.em.flush();
  return after;
}

/** Visits, spend and the like, for the portal's overview. */
export async function portalStats(portal: PortalContext) {
  const { em, customerId } = portal;
  const [customer, appointments, payments] = await Promise.all([
    em.findOneOrFail(Customer, { id: customerId }),
    em.find(Appointment, { customerId }, { fields: ['status', 'serviceId', 'startsAt', 'endsAt'] }),
    em.find(Payment, { customerId }, { fields: ['status', 'amountCents', 'refunds', 'currency'] }),
  ]);
  const now = new Date();
  const counts = (status: string) => appointments.filter((a) => a.status === status).length;
  const spent = payments
    .filter((p) => p.status === 'paid' || p.status === 'partially_refunded' || p.status === 'refunded')
    .reduce((sum, p) => sum + p.amountCents - p.refunds.reduce((r, x) => r + x.amountCents, 0), 0);
  const byService = new Map<string, number>();
  for (const a of appointments) if (a.status === 'completed') byService.set(a.serviceId, (byService.get(a.serviceId) ?? 0) + 1);
  const favouriteId = [...byService].sort((a, b) => b[1] - a[1])[0]?.[0];
  const favourite = favouriteId ? await em.findOne(Service, { id: favouriteId }) : null;
  return {
    visits: counts('completed'),
    upcoming: appointments.filter((a) => ['pending', 'confirmed', 'checked_in'].includes(a.status) && a.endsAt > now).length,
    cancelled: counts('cancelled'),
    noShows: counts('no_show'),
    spentCents: spent,
    customerSince: customer.createdAt.toISOString(),
    lastVisitAt: customer.lastVisitAt?.toISOString() ?? null,
    favouriteService: favourite ? { id: favourite.id, name: favourite.name } : null,
  };
}
