import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import { createProviders, type MessagingConfig, type Providers } from '../messaging/providers';
import { createCloseWaitlistOffer } from './close-offer';
import { createOfferSlotToNextEntry } from './offer-to-next';

export interface WaitlistActivityDeps {
  orm: MikroORM;
  logger: Logger;
  messaging?: { providers?: Partial<Providers>; config?: Partial<MessagingConfig> };
  now?: () => Date;
}

/** The waitlist offer chain's activities: make the next offer (and tell the customer), close one. */
export function createWaitlistActivities(deps: WaitlistActivityDeps) {
  const config: Partial<MessagingConfig> = deps.messaging?.config ?? loadConfig();
  const providers: Providers = { ...createProviders(config), ...(deps.messaging?.providers ?? {}) };
  const shared = { orm: deps.orm, logger: deps.logger, providers, config, ...(deps.now ? { now: deps.now } : {}) };
  return {
    offerSlotToNextEntry: createOfferSlotToNextEntry(shared),
    closeWaitlistOffer: createCloseWaitlistOffer(shared),
  };
}

export { hashOfferToken } from './offer-message';
