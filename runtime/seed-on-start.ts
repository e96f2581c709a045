import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { queueAppointmentSignal, signalAppointmentWorkflow } from '../api/services/appointment-workflow';
import { seedDemoIfEmpty } from '../db/seeders/seed-demo';
import { appointmentWorkflowId } from '../workflows/appointment-contract';
import type { AppConfig } from './config';
import type { Logger } from './logger';

/**
 * The demo tenant on first start (NO_SEED skips it, SEED_DEMO seeds it afresh), with the
 * entity workflows of its upcoming bookings started like the API starts them for new ones.
 */
export async function seedOnStart(options: {
  config: Pick<AppConfig, 'NO_SEED' | 'SEED_DEMO' | 'TEMPORAL_TASK_QUEUE'>;
  orm: MikroORM;
  temporal: Client;
  logger: Logger;
}): Promise<{ email: string; password: string } | undefined> {
  const { config, orm, temporal, logger } = options;
  if (config.NO_SEED && !config.SEED_DEMO) return undefined;
  const seed = await seedDemoIfEmpty(orm, { force: config.SEED_DEMO });
  if (!seed.seeded) return seed.login;

  logger.info({ tenantId: seed.tenantId, counts: seed.counts }, 'demo tenant seeded');
  const at = new Date().toISOString();
  // Through the outbox, so a workflow Temporal could not take now is started by the api's relay.
  const em = orm.em.fork();
  const pending = await em.transactional(async (tx) =>
    seed.futureAppointmentIds.map((appointmentId) =>
      queueAppointmentSignal(tx, { tenantId: seed.tenantId, appointmentId, workflowId: appointmentWorkflowId(seed.tenantId, appointmentId) }, { type: 'appointment.booked', at }),
    ),
  );
  const signalNext = async (): Promise<void> => {
    for (let signal = pending.shift(); signal; signal = pending.shift()) {
      await signalAppointmentWorkflow({ em, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, signal, logger });
    }
  };
  await Promise.all(Array.from({ length: 8 }, signalNext));
  return seed.login;
}
