import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, Service, Staff, Tenant } from '../../../db/entities';
import { AppError, type ErrorDetail } from '../../errors';
import type { BookingInput } from './booking-types';
import { parallelReads } from '../parallel-reads';

export interface BookingRefs {
  tenant: Tenant;
  service: Service;
  customer: Customer;
  staff?: Staff;
}

/** The rows a booking names; each missing or retired one is a 400 detail naming its field. */
export async function loadBookingRefs(em: EntityManager, tenantId: string, input: BookingInput): Promise<BookingRefs> {
  const [tenant, service, staff, customer] = await parallelReads(em, [
    () => em.findOneOrFail(Tenant, { id: tenantId }),
    () => em.findOne(Service, { id: input.serviceId }),
    () => (input.staffId ? em.findOne(Staff, { id: input.staffId }) : Promise.resolve(undefined)),
    () => em.findOne(Customer, { id: input.customerId }),
  ] as const);
  const details: ErrorDetail[] = [];
  if (!service) details.push({ path: 'serviceId', message: `No service with id ${input.serviceId}` });
  else if (!service.active) details.push({ path: 'serviceId', message: `The service "${service.name}" is no longer offered` });
  if (input.staffId && !staff) details.push({ path: 'staffId', message: `No staff member with id ${input.staffId}` });
  else if (staff && !staff.active) details.push({ path: 'staffId', message: `${staff.name} is no longer active` });
  if (!customer) details.push({ path: 'customerId', message: `No customer with id ${input.customerId}` });
  if (details.length > 0 || !service || !customer) {
    throw new AppError('INVALID_REFERENCE', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return { tenant, service, customer, ...(staff ? { staff } : {}) };
}

/** Seats and participants must fit the service: one seat unless it is a group service. */
export function seatsOf(service: Service, input: BookingInput): number {
  const participants = input.participants ?? [];
  const seats = input.seats ?? Math.max(1, participants.length);
  const details: ErrorDetail[] = [];
  if (participants.length > seats) details.push({ path: 'participants', message: `lists ${participants.length} people for ${seats} seat${seats === 1 ? '' : 's'}` });
  if (seats > service.capacity) {
    details.push({ path: 'seats', message: service.capacity === 1 ? `${service.name} is booked one person at a time` : `${service.name} has ${service.capacity} seats per session` });
  }
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  return seats;
}
