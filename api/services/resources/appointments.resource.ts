import { Appointment } from '../../../db/entities';
import type { AppointmentListQuery, CreateAppointmentInput } from '../../routes/appointments.schema';
import type { ResourceDefinition } from '../crud/resource';
import { presentAppointment } from '../present-appointment';

/** Appointments share the list and lookup code; creating and changing them has its own services. */
export const appointmentResource: ResourceDefinition<Appointment, CreateAppointmentInput, AppointmentListQuery> = {
  label: 'appointment',
  entity: Appointment,
  sort: { field: 'startsAt', direction: 'asc', kind: 'date' },
  searchFields: ['notes'],
  softDelete: false,
  filters: (query) => [
    ...(query.from ? [{ startsAt: { $gte: new Date(query.from) } }] : []),
    ...(query.to ? [{ startsAt: { $lt: new Date(query.to) } }] : []),
    ...(query.staffId ? [{ staffId: query.staffId }] : []),
    ...(query.customerId ? [{ customerId: query.customerId }] : []),
    ...(query.status ? [{ status: query.status }] : []),
  ],
  present: (appointment) => ({ ...presentAppointment(appointment) }),
};
