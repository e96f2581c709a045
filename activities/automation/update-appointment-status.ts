import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { Appointment, type AppointmentStatus, Customer } from '../../db/entities';
import type { ActionOutcome } from './action-outcome';
import { actionFailure } from './errors';
import { tenantEm } from './scope';

/** The statuses an automation may move an appointment from, per target status. */
const ALLOWED_FROM: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  pending: ['confirmed'],
  confirmed: ['pending'],
  checked_in: ['pending', 'confirmed'],
  completed: ['pending', 'confirmed', 'checked_in'],
  cancelled: ['pending', 'confirmed'],
  no_show: ['pending', 'confirmed'],
};

export interface UpdateAppointmentStatusInput {
  tenantId: string;
  appointmentId: string;
  status: AppointmentStatus;
  reason?: string;
  /** The time the automation decided it (ISO-8601), stored as arrivedAt/completedAt/cancelledAt. */
  at: string;
}

/**
 * Moves an appointment to a status, as an automation step. Setting the status it already has is
 * a no-op (so a retry is harmless); a move the lifecycle forbids (marking a checked-in customer a
 * no-show) is refused for good, which ends the run instead of charging a fee.
 */
export function createUpdateAppointmentStatusActivity(deps: { orm: MikroORM }) {
  return async function updateAppointmentStatus(input: UpdateAppointmentStatusInput): Promise<ActionOutcome> {
    return tenantEm(deps.orm, input.tenantId).transactional(async (em) => {
      const appointment = await em.findOne(Appointment, { id: input.appointmentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!appointment) throw actionFailure('AppointmentNotFound', `appointment ${input.appointmentId} not found`);
      const from = appointment.status;
      if (from === input.status) {
        return { status: 'ok', detail: `already ${from}`, contextPatch: { appointment: { status: from } }, output: { from, to: from } };
      }
      if (!ALLOWED_FROM[input.status].includes(from)) {
        throw actionFailure('AppointmentTransitionRefused', `the appointment is ${from}; it cannot become ${input.status}`, { from, to: input.status });
      }
      const at = new Date(input.at);
      appointment.status = input.status;
      if (input.status === 'cancelled') {
        appointment.cancelledAt = at;
        appointment.cancelReason = input.reason ?? 'cancelled by automation';
      }
      if (input.status === 'checked_in') appointment.arrivedAt ??= at;
      if (input.status === 'completed') appointment.completedAt = at;
      if (input.status === 'no_show') {
        const customer = await em.findOne(Customer, { id: appointment.customerId });
        if (customer) customer.noShowCount += 1;
      }
      await em.flush();
      return {
        status: 'ok',
        detail: `${from} → ${input.status}`,
        contextPatch: { appointment: { status: input.status } },
        output: { from, to: input.status },
      };
    });
  };
}
