import { appointmentSources, appointmentStatuses } from '../../db/entities';
import { z } from '../zod';
import { isoDateTime, listQueryShape, optionalText, recordShape, timestamp } from './common.schema';

export const participantSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    customerId: z.uuid().optional(),
    petId: z.uuid().optional(),
  })
  .openapi('Participant');

export const createAppointmentSchema = z
  .strictObject({
    serviceId: z.uuid(),
    staffId: z.uuid().nullish(),
    customerId: z.uuid(),
    petId: z.uuid().nullish(),
    startsAt: isoDateTime(),
    override: z
      .boolean()
      .optional()
      .openapi({ description: 'Owner/admin only: book outside availability and policy windows (audit-logged). Never bypasses double-booking.' }),
    notes: optionalText(5000),
    source: z.enum(appointmentSources).optional(),
    seats: z.number().int().min(1).max(500).optional().openapi({ description: 'Seats in a group session; default the number of participants, else 1' }),
    participants: z.array(participantSchema).max(500).optional(),
    overrideReason: z.string().trim().min(1).max(1000).optional().openapi({ description: 'Why an override was needed (audit log)' }),
    overrideVaccination: z.boolean().optional().openapi({ description: 'Any staff role: book although the pet’s vaccination will have expired (audit-logged)' }),
    packagePurchaseId: z.uuid().optional().openapi({ description: 'Pay with credits of this package purchase' }),
    usePackage: z.boolean().optional().openapi({ description: 'false: pay the price even when the customer has package credits' }),
  })
  .openapi('CreateAppointmentInput');

export const cancelAppointmentSchema = z
  .strictObject({
    reason: z.string().trim().min(1).max(1000).optional(),
    returnCredits: z.boolean().optional().openapi({ description: 'Inside the cancel window: return package credits anyway' }),
  })
  .openapi('CancelAppointmentInput');

export const rescheduleAppointmentSchema = z
  .strictObject({
    startsAt: isoDateTime(),
    staffId: z.uuid().nullish().openapi({ description: 'Move to another staff member; null lets round robin pick a free one (unassigned when nobody offers the service); omitted keeps the current one' }),
    override: z.boolean().optional().openapi({ description: 'Owner/admin: outside availability (audit-logged); never bypasses double booking' }),
    reason: z.string().trim().min(1).max(1000).optional().openapi({ description: 'Why (kept in the audit log; staff inside the reschedule window)' }),
  })
  .openapi('RescheduleAppointmentInput');

export const statusChangeSchema = z
  .strictObject({ reason: z.string().trim().min(1).max(1000).optional() })
  .openapi('AppointmentStatusChangeInput');

export const appointmentSchema = z
  .object({
    ...recordShape,
    serviceId: z.uuid(),
    staffId: z.uuid().nullable(),
    customerId: z.uuid(),
    locationId: z.uuid().nullable(),
    petId: z.uuid().nullable(),
    status: z.enum(appointmentStatuses),
    source: z.enum(appointmentSources),
    startsAt: timestamp(),
    endsAt: timestamp(),
    priceCents: z.number().int(),
    notes: z.string().nullable(),
    cancelReason: z.string().nullable(),
    cancelledAt: timestamp().nullable(),
    arrivedAt: timestamp().nullable(),
    completedAt: timestamp().nullable(),
    overridden: z.boolean(),
    createdByUserId: z.uuid().nullable(),
    seats: z.number().int(),
    participants: z.array(z.object({ name: z.string(), customerId: z.string().optional(), petId: z.string().optional() })),
    teamStaffIds: z.array(z.uuid()),
    listPriceCents: z.number().int().nullable(),
    packagePurchaseId: z.uuid().nullable(),
    creditsUsed: z.number().int(),
    membershipId: z.uuid().nullable(),
    sequence: z.number().int().openapi({ description: 'Raised on every change (the iCal SEQUENCE)' }),
    workflowId: z.string().openapi({ example: 'appointment:<tenant>:<id>' }),
  })
  .openapi('Appointment');

export const appointmentListQuery = z
  .strictObject({
    ...listQueryShape,
    from: isoDateTime().optional().openapi({ description: 'Starting at or after' }),
    to: isoDateTime().optional().openapi({ description: 'Starting before' }),
    staffId: z.uuid().optional(),
    customerId: z.uuid().optional(),
    status: z.enum(appointmentStatuses).optional(),
  })
  .openapi('AppointmentListQuery');

export type CreateAppointmentInput = z.output<typeof createAppointmentSchema>;
export type RescheduleAppointmentInput = z.output<typeof rescheduleAppointmentSchema>;
export type AppointmentListQuery = z.output<typeof appointmentListQuery>;
export type AppointmentBody = z.output<typeof appointmentSchema>;
