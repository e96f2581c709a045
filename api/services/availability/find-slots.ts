import type { EntityManager } from '@mikro-orm/postgresql';
import { Service, Tenant } from '../../../db/entities';
import { AvailabilityInputError, type AvailableSlot, computeAvailability, type InstantInput } from '../../domain/availability';
import { AppError } from '../../errors';
import { loadAvailabilityInput, type LoadAvailabilityOptions } from './load-availability-input';

export interface FindSlotsOptions {
  em: EntityManager;
  tenantId: string;
  serviceId: string;
  from: InstantInput;
  to: InstantInput;
  staffId?: string;
  seats?: number;
  now?: Date;
  /** Only services open to online booking (the public page). */
  onlineOnly?: boolean;
  excludeAppointmentId?: string;
  holdsFor?: LoadAvailabilityOptions['holdsFor'];
}

/** The engine's bad-input error in the api's vocabulary. */
export function availabilityInputError(error: AvailabilityInputError): AppError {
  return new AppError('VALIDATION_FAILED', error.message, [{ path: error.path ?? '(query)', message: error.message }]);
}

/** Runs the engine, turning its input errors into 400s. */
export function runEngine(input: Parameters<typeof computeAvailability>[0]): AvailableSlot[] {
  try {
    return computeAvailability(input);
  } catch (error) {
    if (error instanceof AvailabilityInputError) throw availabilityInputError(error);
    throw error;
  }
}

/** Bookable slots of one of the tenant's services, from its rows in PostgreSQL. */
export async function findSlots(options: FindSlotsOptions): Promise<{ service: Service; tenant: Tenant; slots: AvailableSlot[] }> {
  const { em } = options;
  const [tenant, service] = await Promise.all([
    em.findOneOrFail(Tenant, { id: options.tenantId }),
    em.findOne(Service, { id: options.serviceId }),
  ]);
  if (!service || !service.active || (options.onlineOnly && !service.bookableOnline)) {
    throw new AppError('INVALID_REFERENCE', `serviceId: No service with id ${options.serviceId}`, [
      { path: 'serviceId', message: `No bookable service with id ${options.serviceId}` },
    ]);
  }
  const now = options.now ?? new Date();
  const loaded = await loadAvailabilityInput({
    em,
    tenant,
    service,
    from: options.from,
    to: options.to,
    now,
    ...(options.excludeAppointmentId ? { excludeAppointmentId: options.excludeAppointmentId } : {}),
    ...(options.holdsFor ? { holdsFor: options.holdsFor } : {}),
  });
  const slots = runEngine({
    ...loaded,
    from: options.from,
    to: options.to,
    now,
    staffIds: options.staffId ? [options.staffId] : null,
    seats: options.seats ?? 1,
  });
  return { service, tenant, slots };
}
