import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import { createProviders, type MessagingConfig, type Providers } from './providers';
import { createSendMessage, type SendMessageOptions } from './send-message';

export interface MessagingActivityDeps {
  orm: MikroORM;
  logger: Logger;
  /** Replaces the providers picked from the config, channel by channel. */
  providers?: Partial<Providers>;
  /** Defaults to the environment (loadConfig()). */
  config?: Partial<MessagingConfig> & SendMessageOptions;
}

/**
 * The messaging activities the worker registers: `sendMessage` is the one door every SMS,
 * WhatsApp and email goes through (consent, quiet hours, rendering, the outbox row, the provider).
 */
export function createMessagingActivities(deps: MessagingActivityDeps) {
  const config: Partial<MessagingConfig> & SendMessageOptions = deps.config ?? loadConfig();
  const providers: Providers = { ...createProviders(config), ...(deps.providers ?? {}) };
  const sendMessage = createSendMessage({
    orm: deps.orm,
    logger: deps.logger,
    providers,
    config,
    options: {
      ...(config.quietHours !== undefined ? { quietHours: config.quietHours } : {}),
      ...(config.inFlightGraceMs !== undefined ? { inFlightGraceMs: config.inFlightGraceMs } : {}),
      ...(config.defaultCountry ? { defaultCountry: config.defaultCountry } : {}),
      ...(config.now ? { now: config.now } : {}),
    },
  });
  return { sendMessage };
}

export type MessagingActivities = ReturnType<typeof createMessagingActivities>;
export type { SendMessageInput, SendMessageResult, SendChannel, SendMessageOptions } from './send-message';
export type { QuietHours, SuppressionReason } from './consent';
export { DEFAULT_QUIET_HOURS, checkConsent, quietHoursAt } from './consent';
export { renderTemplate, inspectTemplate, renderEnvironment, TEMPLATE_HELPERS, smsSegments } from './render';
export { createProviders, describeProviders, type MessagingConfig, type Providers } from './providers';
