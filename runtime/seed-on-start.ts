import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { signalAppointmentWorkflow } from '../api/services/appointment-workflow';
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
  const pending = [...seed.futureAppointmentIds];
  const signalNext = async (): Promise<void> => {
    for (let appointmentId = pending.shift(); appointmentId; appointmentId = pending.shift()) {
      await signalAppointmentWorkflow({
        temporal,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        target: { tenantId: seed.tenantId, appointmentId, workflowId: appointmentWorkflowId(seed.tenantId, appointmentId) },
        event: { type: 'appointment.booked', at },
        logger,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, signalNext));
  return seed.login;
}
