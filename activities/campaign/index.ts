import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../runtime/logger';
import type { CampaignPhase } from '../../workflows/campaign-contract';
import { tenantEm } from '../automation/scope';
import { loadConfig } from '../../runtime/config';
import { createChangeCustomerTagActivity } from '../automation/customer-tags';
import { createMessagingActivities, type MessagingActivityDeps } from '../messaging';
import { createProviders, type MessagingConfig, type Providers, publicUrlOf } from '../messaging/providers';
import { campaignWaiting } from './campaign-progress';
import { createDecideCampaignWinnerActivity } from './decide-winner';
import { createFetchCampaignPricesActivity } from './fetch-prices';
import { createPrepareCampaignActivity } from './prepare-campaign';
import type { RecipientRun } from './run-recipient';
import { createSendCampaignBatchActivity } from './send-campaign-batch';
import { createSetCampaignStateActivity } from './set-campaign-state';

export interface CampaignActivityDeps {
  orm: MikroORM;
  logger: Logger;
  /** The messaging door (activities/messaging): every campaign send goes through it. */
  sendMessage: RecipientRun['sendMessage'];
  changeCustomerTag: RecipientRun['changeCustomerTag'];
  providers: Pick<Providers, 'sms' | 'whatsapp'>;
  config: Partial<MessagingConfig>;
}

/** The campaign workflow's activities (workflows/campaign.ts). */
export function createCampaignActivities(deps: CampaignActivityDeps) {
  return {
    prepareCampaign: createPrepareCampaignActivity(deps),
    sendCampaignBatch: createSendCampaignBatchActivity({
      orm: deps.orm,
      publicUrl: publicUrlOf(deps.config),
      sendMessage: deps.sendMessage,
      changeCustomerTag: deps.changeCustomerTag,
    }),
    campaignWaiting: (input: { tenantId: string; campaignId: string; phase: CampaignPhase }) =>
      campaignWaiting(tenantEm(deps.orm, input.tenantId), input.tenantId, input.campaignId, input.phase),
    decideCampaignWinner: createDecideCampaignWinnerActivity(deps),
    setCampaignState: createSetCampaignStateActivity(deps),
    fetchCampaignPrices: createFetchCampaignPricesActivity(deps),
  };
}

/**
 * The campaign activities as the worker registers them: sends go through the same messaging
 * activity (its own instance over the same providers and settings) as every other send.
 */
export function createCampaignActivitiesFor(deps: { orm: MikroORM; logger: Logger; messaging?: Pick<MessagingActivityDeps, 'providers' | 'config'> }) {
  const config = deps.messaging?.config ?? loadConfig();
  const providers: Providers = { ...createProviders(config), ...(deps.messaging?.providers ?? {}) };
  const { sendMessage } = createMessagingActivities({ orm: deps.orm, logger: deps.logger, config, providers });
  return createCampaignActivities({
    orm: deps.orm,
    logger: deps.logger,
    sendMessage,
    changeCustomerTag: createChangeCustomerTagActivity(deps),
    providers,
    config,
  });
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
export { campaignProgress, type CampaignProgress } from './campaign-progress';
export { campaignResults, totalOf, type VariantResult } from './campaign-results';
export { CAMPAIGN_NODE_TYPES, splitVariants } from './campaign-definition';
export { trackedLinkCode } from './tracked-links';
export { closeRemainingRecipients } from './set-campaign-state';
