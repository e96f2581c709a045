import type { AppointmentStatus } from '../../../db/entities';
import type { AppointmentEventType } from '../../../workflows/appointment-contract';
import { AppError } from '../../errors';

/**
 * The appointment lifecycle: which status may follow which. Final statuses (completed,
 * cancelled, no-show) lead nowhere; a customer who checked in can no longer be a no-show.
 */
export const NEXT_STATUSES: Readonly<Record<AppointmentStatus, readonly AppointmentStatus[]>> = {
  pending: ['confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'],
  confirmed: ['checked_in', 'completed', 'cancelled', 'no_show'],
  checked_in: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** Statuses whose time and staff member can still change. */
export const RESCHEDULABLE: readonly AppointmentStatus[] = ['pending', 'confirmed'];

export const EVENT_FOR_STATUS: Readonly<Partial<Record<AppointmentStatus, AppointmentEventType>>> = {
  confirmed: 'appointment.confirmed',
  checked_in: 'appointment.checked_in',
  completed: 'appointment.completed',
  cancelled: 'appointment.cancelled',
  no_show: 'appointment.no_show',
};

const label = (status: string) => status.replace('_', '-');

export function invalidTransition(from: AppointmentStatus, to: string, why?: string): AppError {
  return new AppError(
    'INVALID_TRANSITION',
    `The appointment is ${label(from)} and cannot become ${label(to)}${why ? `: ${why}` : ''}`,
    [{ path: 'status', message: `${from} → ${to} is not allowed`, code: 'INVALID_TRANSITION' }],
  );
}

/** Throws INVALID_TRANSITION (naming from and to) unless `to` may follow `from`; the same status is allowed (a no-op). */
export function assertTransition(from: AppointmentStatus, to: AppointmentStatus): void {
  if (from !== to && !NEXT_STATUSES[from].includes(to)) throw invalidTransition(from, to);
}
