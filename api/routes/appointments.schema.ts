import { appointmentSources, appointmentStatuses } from '../../db/entities';
import { z } from '../zod';
import { isoDateTime, listQueryShape, optionalText, recordShape, timestamp } from './common.schema';

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
  })
  .openapi('CreateAppointmentInput');

export const cancelAppointmentSchema = z
  .strictObject({ reason: z.string().trim().min(1).max(1000).optional() })
  .openapi('CancelAppointmentInput');

export const rescheduleAppointmentSchema = z
  .strictObject({
    startsAt: isoDateTime(),
    staffId: z.uuid().nullish().openapi({ description: 'Move to another staff member (null: none); omitted keeps the current one' }),
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
