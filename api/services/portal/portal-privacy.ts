import { wrap } from '@mikro-orm/core';
import {
  Appointment,
  AuditLog,
  Customer,
  Membership,
  Message,
  PackagePurchase,
  Payment,
  Pet,
  PetDocument,
  Review,
  Tenant,
  Vaccination,
  WaitlistEntry,
} from '../../../db/entities';
import type { PortalContext } from '../../middleware/authenticate-customer';
import { createInTenant } from '../tenant-scope';

const plain = (rows: object[]) => rows.map((row) => wrap(row).toObject());

/**
 * Everything the business holds about the signed-in customer, as JSON (GDPR art. 15/20): profile,
 * pets, vaccinations, document metadata, bookings, payments, packages, memberships, reviews,
 * waitlist entries and every message sent or received. Secrets (token hashes) are left out.
 */
export async function exportCustomerData(portal: PortalContext) {
  const { em, customerId } = portal;
  const [tenant, customer, pets, appointments, payments, purchases, memberships, reviews, waitlist, messages] = await Promise.all([
    em.findOneOrFail(Tenant, { id: portal.tenantId }),
    em.findOneOrFail(Customer, { id: customerId }),
    em.find(Pet, { customerId }),
    em.find(Appointment, { customerId }, { orderBy: { startsAt: 'asc' } }),
    em.find(Payment, { customerId }, { orderBy: { createdAt: 'asc' } }),
    em.find(PackagePurchase, { customerId }),
    em.find(Membership, { customerId }),
    em.find(Review, { customerId }),
    em.find(WaitlistEntry, { customerId }),
    em.find(Message, { customerId }, { orderBy: { createdAt: 'asc' } }),
  ]);
  const petIds = pets.map((p) => p.id);
  const [vaccinations, documents] = await Promise.all([
    em.find(Vaccination, { petId: { $in: petIds } }),
    em.find(PetDocument, { petId: { $in: petIds } }),
  ]);
  createInTenant(portal, AuditLog, { action: 'customer.data_exported', entityType: 'customer', entityId: customerId, reason: 'customer via portal', requestId: portal.requestId });
  await em.flush();
  return {
    exportedAt: new Date().toISOString(),
    business: { name: tenant.name, slug: tenant.slug },
    customer: wrap(customer).toObject(),
    pets: plain(pets),
    vaccinations: plain(vaccinations),
    documents: documents.map((d) => ({ id: d.id, petId: d.petId, filename: d.filename, contentType: d.contentType, sizeBytes: d.sizeBytes, status: d.status, uploadedAt: d.createdAt.toISOString() })),
    appointments: plain(appointments),
    payments: plain(payments),
    packagePurchases: plain(purchases),
    memberships: plain(memberships),
    reviews: plain(reviews),
    waitlist: plain(waitlist),
    messages: messages.map((m) => ({ channel: m.channel, direction: m.direction, to: m.to, from: m.from ?? null, subject: m.subject ?? null, body: m.body, status: m.status, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
  };
}

/**
 * Records the customer's request to erase their data (GDPR art. 17). Staff carry it out (records
 * the business must keep, such as payments, stay until their retention ends); the request is
 * audit-logged and shown on the customer.
 */
export async function requestDeletion(portal: PortalContext, reason?: string): Promise<{ deletionRequestedAt: string }> {
  const customer = await portal.em.findOneOrFail(Customer, { id: portal.customerId });
  customer.deletionRequestedAt ??= new Date();
  createInTenant(portal, AuditLog, { action: 'customer.deletion_requested', entityType: 'customer', entityId: customer.id, reason: reason ?? 'customer via portal', requestId: portal.requestId });
  await portal.em.flush();
  portal.logger.info({ customerId: customer.id }, 'customer asked for their data to be deleted');
  return { deletionRequestedAt: customer.deletionRequestedAt.toISOString() };
}
