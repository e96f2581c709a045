import { randomUUID } from 'node:crypto';
import { CAMPAIGN_NODE_TYPES, splitVariants } from '../../../activities/campaign';
import { AutomationVersion, Campaign, Segment } from '../../../db/entities';
import { type AutomationDefinition, automationDefinitionSchema } from '../../../workflows/dsl';
import { campaignWorkflowId } from '../../../workflows/campaign-contract';
import type { RequestContext } from '../../context';
import { AppError, notFound } from '../../errors';
import type { CampaignBody, CampaignInput, CampaignUpdate } from '../../routes/campaigns.schema';
import { findAutomationOrThrow } from '../automations/find-automation';
import { publishAutomation } from '../automations/publish-automation';
import { createAutomation } from '../automations/save-automation';
import { invalidAutomation, validateForTenant } from '../automations/validate-for-tenant';
import { createInTenant } from '../tenant-scope';
import { campaignDefinition } from './campaign-content';
import { presentCampaign } from './present-campaign';

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

export async function findCampaignOrThrow(ctx: Pick<RequestContext, 'em'>, id: string): Promise<Campaign> {
  const campaign = await ctx.em.findOne(Campaign, { id });
  if (!campaign) throw notFound('Campaign', id);
  return campaign;
}

/** The published definition of a campaign automation, checked for what a campaign can run. */
export async function campaignAutomation(ctx: Pick<RequestContext, 'em'>, automationId: string): Promise<{ versionId: string; definition: AutomationDefinition }> {
  const automation = await findAutomationOrThrow(ctx.em, automationId);
  const version = automation.publishedVersionId ? await ctx.em.findOne(AutomationVersion, { id: automation.publishedVersionId }) : null;
  if (!version) throw invalid('automationId', `Automation "${automation.name}" is not published: publish it before sending a campaign with it`);
  const definition = automationDefinitionSchema.parse(version.definition);
  if (definition.trigger.event !== 'manual') throw invalid('automationId', `Automation "${automation.name}" starts on ${definition.trigger.event}; a campaign needs a manual trigger`);
  const unsupported = definition.nodes.filter((n) => !CAMPAIGN_NODE_TYPES.has(n.type));
  if (unsupported.length > 0) {
    throw invalid('automationId', `A campaign sends to each recipient at once and cannot run ${[...new Set(unsupported.map((n) => n.type))].join(', ')} nodes (${unsupported.map((n) => n.id).join(', ')})`);
  }
  return { versionId: version.id, definition };
}

function checkAbTest(definition: AutomationDefinition, abTest: CampaignInput['abTest']): void {
  if (!abTest) return;
  if (splitVariants(definition).length < 2) throw invalid('abTest', 'An A/B test needs an automation with a split (give two or more content variants)');
}

/** A draft campaign. With `content`, its automation is built, validated and published first. */
export async function createCampaign(ctx: RequestContext, input: CampaignInput): Promise<CampaignBody> {
  const segment = await ctx.em.findOne(Segment, { id: input.segmentId });
  if (!segment) throw invalid('segmentId', `Segment ${input.segmentId} was not found`);
  let automationId = input.automationId;
  if (input.content && input.abTest && input.content.variants.length < 2) throw invalid('abTest', 'An A/B test needs two or more content variants');
  if (input.content) {
    const draft = campaignDefinition(input.name, input.content);
    const validation = await validateForTenant(ctx, draft);
    if (!validation.ok) throw invalidAutomation(validation.problems, `The content of "${input.name}"`);
    automationId = (await createAutomation(ctx, { name: `Campaign: ${input.name}`.slice(0, 200), definition: draft as never })).id as string;
    await publishAutomation(ctx, automationId);
  }
  const { definition } = await campaignAutomation(ctx, automationId as string);
  checkAbTest(definition, input.abTest);
  const id = randomUUID();
  const campaign = createInTenant(ctx, Campaign, {
    id,
    name: input.name,
    segmentId: segment.id,
    automationId: automationId as string,
    ratePerSecond: input.ratePerSecond,
    quietHours: input.quietHours ?? null,
    abTest: input.abTest ?? null,
    attributionDays: input.attributionDays,
    linkUrl: input.linkUrl ?? undefined,
    workflowId: campaignWorkflowId(ctx.tenantId, id),
    createdByUserId: ctx.user.id,
  });
  await ctx.em.flush();
  ctx.logger.info({ campaignId: campaign.id, automationId }, 'campaign created');
  return presentCampaign(campaign);
}

/** Edits a campaign that has not been launched. */
export async function updateCampaign(ctx: RequestContext, id: string, input: CampaignUpdate): Promise<CampaignBody> {
  const campaign = await findCampaignOrThrow(ctx, id);
  if (campaign.status !== 'draft') throw new AppError('INVALID_STATE', `The campaign is ${campaign.status}: only a draft can be edited`);
  if (input.segmentId && !(await ctx.em.findOne(Segment, { id: input.segmentId }))) throw invalid('segmentId', `Segment ${input.segmentId} was not found`);
  if (input.abTest) checkAbTest((await campaignAutomation(ctx, campaign.automationId)).definition, input.abTest);
  if (input.name !== undefined) campaign.name = input.name;
  if (input.segmentId !== undefined) campaign.segmentId = input.segmentId;
  if (input.ratePerSecond !== undefined) campaign.ratePerSecond = input.ratePerSecond;
  if (input.quietHours !== undefined) campaign.quietHours = input.quietHours;
  if (input.abTest !== undefined) campaign.abTest = input.abTest;
  if (input.attributionDays !== undefined) campaign.attributionDays = input.attributionDays;
  if (input.linkUrl !== undefined) campaign.linkUrl = input.linkUrl ?? undefined;
  await ctx.em.flush();
  return presentCampaign(campaign);
}

/** Deletes a draft; a launched campaign is kept for its report (cancel it instead). */
export async function deleteCampaign(ctx: RequestContext, id: string): Promise<void> {
  const campaign = await findCampaignOrThrow(ctx, id);
  if (campaign.status !== 'draft') throw new AppError('INVALID_STATE', `The campaign is ${campaign.status}; only a draft can be deleted (cancel it instead)`);
  await ctx.em.remove(campaign).flush();
}
