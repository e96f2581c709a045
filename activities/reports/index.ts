import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import { createProviders, publicUrlOf } from '../messaging/providers';
import type { MessagingActivityDeps } from '../messaging';
import { createSendReportSummary } from './send-report-summary';

/** The scheduled-report activity, sending through the same email provider as every other email. */
export function createReportActivities(deps: { orm: MikroORM; logger: Logger; messaging?: Pick<MessagingActivityDeps, 'providers' | 'config'> }) {
  const config = deps.messaging?.config ?? loadConfig();
  const email = deps.messaging?.providers?.email ?? createProviders(config).email;
  return { sendReportSummary: createSendReportSummary({ orm: deps.orm, logger: deps.logger, email, appUrl: publicUrlOf(config) }) };
}
