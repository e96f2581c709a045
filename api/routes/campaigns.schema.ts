import { campaignStatuses, winnerMetrics } from '../../db/entities';
import { messageChannels } from '../../db/entities/message-template';
import { z } from '../zod';
import { isoDateTime, listQueryShape, recordShape, timestamp } from './common.schema';

const hhmm = () => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:mm, e.g. 21:00');

export const campaignVariantInput = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'variant ids are 1–40 letters, digits, _ or -'),
  label: z.string().trim().min(1).max(80).optional(),
  weight: z.number().positive().max(1_000_000).default(1),
  templateId: z.string().trim().min(1).max(80).openapi({ description: 'MessageTemplate key' }),
});

export const campaignContentInput = z
  .strictObject({
    channel: z.enum(messageChannels),
    variants: z.array(campaignVariantInput).min(1).max(10),
  })
  .superRefine((content, ctx) => {
    const seen = new Set<string>();
    content.variants.forEach((v, i) => {
      if (seen.has(v.id)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'id'], message: `variant id "${v.id}" is used twice` });
      seen.add(v.id);
    });
  })
  .openapi('CampaignContent', { description: 'Builds (and publishes) the campaign automation: one send per variant behind an A/B split' });

export const abTestInput = z
  .strictObject({
    testPercent: z.number().min(1).max(100).default(100).openapi({ description: 'Share of the audience that gets the variants; the winner goes to the rest' }),
    winner: z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('manual') }),
      z.strictObject({ mode: z.literal('auto'), afterHours: z.number().min(0.001).max(720), metric: z.enum(winnerMetrics) }),
    ]),
  })
  .openapi('CampaignAbTest');

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  segmentId: z.uuid(),
  automationId: z.uuid().optional().openapi({ description: 'A published automation with a manual trigger (drawn in the builder)' }),
  content: campaignContentInput.optional(),
  ratePerSecond: z.number().int().min(1).max(1000).default(10),
  quietHours: z.strictObject({ start: hhmm(), end: hhmm() }).nullish().openapi({ description: "Local window in each recipient's zone; default 21:00–08:00" }),
  abTest: abTestInput.nullish(),
  attributionDays: z.number().int().min(1).max(90).default(7),
  linkUrl: z.url({ protocol: /^https?$/ }).max(2000).nullish().openapi({ description: 'Where {{campaign.link}} leads, through a tracked short link' }),
};

export const campaignCreateSchema = z
  .strictObject(campaignFields)
  .refine((c) => (c.automationId === undefined) !== (c.content === undefined), { message: 'give either automationId or content', path: ['content'] })
  .openapi('CampaignInput');

export const campaignUpdateSchema = z
  .strictObject({
    name: campaignFields.name.optional(),
    segmentId: campaignFields.segmentId.optional(),
    ratePerSecond: z.number().int().min(1).max(1000).optional(),
    quietHours: campaignFields.quietHours,
    abTest: campaignFields.abTest,
    attributionDays: z.number().int().min(1).max(90).optional(),
    linkUrl: campaignFields.linkUrl,
  })
  .openapi('CampaignUpdate');

export const launchCampaignSchema = z.strictObject({ scheduledAt: isoDateTime().optional() }).openapi('CampaignLaunchInput');
export const winnerSchema = z.strictObject({ variant: z.string().min(1).max(40) }).openapi('CampaignWinnerInput');
export const campaignListQuery = z.strictObject({ ...listQueryShape, status: z.enum(campaignStatuses).optional() }).openapi('CampaignListQuery');

export const campaignProgressSchema = z
  .object({
    audience: z.number().int(),
    queued: z.number().int(),
    held: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    optedOut: z.number().int(),
    skipped: z.number().int(),
    cancelled: z.number().int(),
    clicked: z.number().int(),
  })
  .openapi('CampaignProgress');

export const campaignSchema = z
  .object({
    ...recordShape,
    name: z.string(),
    status: z.enum(campaignStatuses),
    segmentId: z.uuid(),
    automationId: z.uuid(),
    automationVersionId: z.uuid().nullable(),
    scheduledAt: timestamp().nullable(),
    startedAt: timestamp().nullable(),
    completedAt: timestamp().nullable(),
    ratePerSecond: z.number().int(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    abTest: abTestInput.nullable(),
    winnerVariant: z.string().nullable(),
    attributionDays: z.number().int(),
    linkUrl: z.string().nullable(),
    audienceCount: z.number().int(),
    workflowId: z.string(),
    progress: campaignProgressSchema.optional(),
    /** The workflow's own view, when it is running. */
    workflow: z.object({ state: z.string(), phase: z.string(), batches: z.number().int(), winner: z.string().nullable(), nextDueAt: z.string().nullable() }).nullable().optional(),
  })
  .openapi('Campaign');

const variantResult = z.object({
  variant: z.string().nullable(),
  recipients: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  clicked: z.number().int(),
  bookings: z.number().int(),
  revenueCents: z.number().int(),
  costCents: z.number().int(),
  deliveryRate: z.number().nullable(),
  clickRate: z.number().nullable(),
  bookingRate: z.number().nullable(),
  roi: z.number().nullable(),
});

export const campaignReportSchema = z
  .object({ campaign: campaignSchema, progress: campaignProgressSchema, total: variantResult, variants: z.array(variantResult) })
  .openapi('CampaignReport');

export type CampaignInput = z.output<typeof campaignCreateSchema>;
export type CampaignUpdate = z.output<typeof campaignUpdateSchema>;
export type CampaignContent = z.output<typeof campaignContentInput>;
export type CampaignBody = z.output<typeof campaignSchema>;
