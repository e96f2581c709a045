import type { Appointment } from '../../db/entities';
import type { AppointmentBody } from '../routes/appointments.schema';

export function presentAppointment(a: Appointment): AppointmentBody {
  return {
    id: a.id,
    tenantId: a.tenantId,
    serviceId: a.serviceId,
    staffId: a.staffId ?? null,
    customerId: a.customerId,
    locationId: a.locationId ?? null,
    petId: a.petId ?? null,
    status: a.status,
    source: a.source,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    priceCents: a.priceCents,
    notes: a.notes ?? null,
    cancelReason: a.cancelReason ?? null,
    cancelledAt: a.cancelledAt ? a.cancelledAt.toISOString() : null,
    arrivedAt: a.arrivedAt ? a.arrivedAt.toISOString() : null,
    completedAt: a.completedAt ? a.completedAt.toISOString() : null,
    overridden: a.overridden,
    createdByUserId: a.createdByUserId ?? null,
    seats: a.seats,
    participants: a.participants,
    teamStaffIds: a.teamStaffIds,
    listPriceCents: a.listPriceCents ?? null,
    packagePurchaseId: a.packagePurchaseId ?? null,
    creditsUsed: a.creditsUsed,
    membershipId: a.membershipId ?? null,
    sequence: a.sequence,
    workflowId: a.workflowId,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
