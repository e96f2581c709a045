import type { Client } from '@temporalio/client';
import type { Appointment } from '../../db/entities';
import type { AppointmentBody } from '../routes/appointments.schema';
import { changeAppointmentStatus } from './appointments/change-appointment-status';
import type { DomainContext } from './appointments/domain-context';

/**
 * Cancels an appointment and tells its workflow (every pending send stops). Cancelling twice is
 * harmless; a completed or no-show appointment cannot be cancelled (INVALID_TRANSITION).
 */
export async function cancelAppointment(options: {
  ctx: DomainContext;
  temporal: Client;
  taskQueue: string;
  id: string;
  reason?: string;
  /** Policy checks on the locked row (the cancel window for customers); throw to refuse. */
  guard?(appointment: Appointment, now: Date): void | Promise<void>;
}): Promise<AppointmentBody> {
  const { appointment } = await changeAppointmentStatus({ ...options, to: 'cancelled' });
  return appointment;
}
