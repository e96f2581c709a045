import type { MikroORM } from '@mikro-orm/postgresql';
import { createAppointmentSnapshotActivity } from '../../../activities/appointment-snapshot';
import { Appointment } from '../../../db/entities';
import { appointmentEventTypes, type AppointmentEventType } from '../../../workflows/appointment-contract';
import { runContextFor } from '../../../workflows/appointment-run-context';
import type { RunContext } from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';

const isAppointmentEvent = (type: string): type is AppointmentEventType => (appointmentEventTypes as readonly string[]).includes(type);

/**
 * The context a run started by `triggerEvent` at `at` would see for this appointment: the same
 * snapshot and mapping the appointment workflow uses (activities/appointment-snapshot.ts).
 */
export async function appointmentContext(
  ctx: Pick<RequestContext, 'em' | 'tenantId'>,
  orm: MikroORM,
  options: { appointmentId: string; triggerEvent: string; at: Date },
): Promise<RunContext> {
  const appointment = await ctx.em.findOne(Appointment, { id: options.appointmentId }, { fields: ['id'] });
  if (!appointment) throw notFound('Appointment', options.appointmentId);
  const snapshot = await createAppointmentSnapshotActivity({ orm })({ tenantId: ctx.tenantId, appointmentId: appointment.id });
  const at = options.at.toISOString();
  const type = isAppointmentEvent(options.triggerEvent) ? options.triggerEvent : 'appointment.booked';
  const context = runContextFor(snapshot, { type, at });
  return { ...context, event: { type: options.triggerEvent, at } };
}
