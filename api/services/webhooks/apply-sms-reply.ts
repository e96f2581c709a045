import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { InboundResult } from '../../../activities/messaging/twilio-webhooks';
import { Appointment, Customer, Service, Tenant } from '../../../db/entities';
import type { Logger } from '../../../runtime/logger';
import { AppError } from '../../errors';
import { queueAppointmentSignal, signalAppointmentWorkflow } from '../appointment-workflow';
import { changeAppointmentStatus } from '../appointments/change-appointment-status';
import type { DomainContext } from '../appointments/domain-context';
import { cancelAppointment } from '../cancel-appointment';

/** How many upcoming appointments a STOP/START/other reply is forwarded to. */
const MAX_FORWARDED = 10;

export interface SmsReplyOutcome {
  /** Text to answer with as TwiML <Message>, if any. */
  reply?: string;
  /** Appointments whose workflows got `message.received` (from the outbox: now, or by the relay later). */
  signalled: string[];
  change?: 'confirmed' | 'cancelled' | 'refused';
}

/**
 * What a customer's reply changes, applied through the same domain functions as the API: C/YES
 * confirms and X/NO cancels (within the cancel window) the appointment the reply is about. Every
 * new reply also reaches the workflows as `message.received` (body and sender), so a waiting
 * two-way confirmation or a STOP reaches the runs in flight. A reply Twilio re-delivered
 * (`duplicate`) changes nothing and is not forwarded again.
 */
export async function applySmsReply(options: {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  requestId: string;
  inbound: InboundResult;
  from: string;
  body: string;
  now?: Date;
}): Promise<SmsReplyOutcome> {
  const { inbound, temporal, taskQueue } = options;
  const outcome: SmsReplyOutcome = { signalled: [], ...(inbound.reply ? { reply: inbound.reply } : {}) };
  if (inbound.duplicate || !inbound.tenantId || !inbound.customerId) return outcome;
  const tenantId = inbound.tenantId;
  const now = options.now ?? new Date();
  const em = options.orm.em.fork();
  em.setFilterParams('tenant', { tenantId });
  const logger = options.logger.child({ tenantId, customerId: inbound.customerId, intent: inbound.intent });
  const ctx: DomainContext = { em, tenantId, requestId: options.requestId, logger, actor: 'customer by SMS reply' };

  const about = inbound.appointmentId
    ? await em.find(Appointment, { id: inbound.appointmentId })
    : await em.find(
        Appointment,
        { customerId: inbound.customerId, status: { $in: ['pending', 'confirmed', 'checked_in'] }, endsAt: { $gte: now } },
        { orderBy: { startsAt: 'asc' }, limit: MAX_FORWARDED },
      );
  const event = { type: 'message.received' as const, at: now.toISOString(), data: { body: options.body, from: options.from } };
  const queued = await em.transactional(async (tx) =>
    about.map((appointment) => queueAppointmentSignal(tx, { tenantId, appointmentId: appointment.id, workflowId: appointment.workflowId }, event)),
  );
  for (const signal of queued) {
    await signalAppointmentWorkflow({ em, temporal, taskQueue, signal, logger });
    outcome.signalled.push(signal.appointmentId);
  }

  const appointment = inbound.appointmentId ? about[0] : undefined;
  if (!appointment || (inbound.intent !== 'confirm' && inbound.intent !== 'cancel')) return outcome;
  const [tenant, customer, service] = await Promise.all([
    em.findOneOrFail(Tenant, { id: tenantId }),
    em.findOne(Customer, { id: appointment.customerId }),
    em.findOne(Service, { id: appointment.serviceId }),
  ]);
  const zone = customer?.timezone ?? tenant.timezone;
  const when = DateTime.fromJSDate(appointment.startsAt, { zone }).toFormat("ccc, LLL d 'at' h:mm a");
  const what = `${service?.name ?? 'your appointment'} on ${when}`;
  const base = { ctx, temporal, taskQueue, id: appointment.id };

  if (inbound.intent === 'confirm') {
    try {
      await changeAppointmentStatus({ ...base, to: 'confirmed', reason: 'customer replied to confirm' });
      outcome.change = 'confirmed';
      outcome.reply = `${tenant.name}: thanks! ${what} is confirmed.`;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      logger.info({ appointmentId: appointment.id, code: err.code }, 'confirm reply not applied');
    }
    return outcome;
  }

  try {
    await cancelAppointment({ ...base, reason: 'customer replied to cancel', by: 'customer' });
    outcome.change = 'cancelled';
    outcome.reply = `${tenant.name}: ${what} is cancelled. Book again any time: reply or visit our booking page.`;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    outcome.change = 'refused';
    logger.info({ appointmentId: appointment.id, code: err.code }, 'cancel reply refused');
    if (err.code === 'CANCEL_WINDOW_CLOSED') {
      const hours = tenant.policies.cancelWindowHours ?? 24;
      outcome.reply = `${tenant.name}: ${what} is less than ${hours} hours away, so it can't be cancelled by text. Please contact us directly.`;
    }
  }
  return outcome;
}
