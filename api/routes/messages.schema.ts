import { messageChannels, messageDirections, messageStatuses } from '../../db/entities';
import { z } from '../zod';
import { listQueryShape, timestamp } from './common.schema';

const { limit, cursor } = listQueryShape;

export const messageListQuery = z
  .strictObject({
    limit,
    cursor,
    customerId: z.uuid().optional(),
    appointmentId: z.uuid().optional(),
    campaignId: z.uuid().optional(),
    automationRunId: z.uuid().optional(),
    status: z.enum(messageStatuses).optional(),
    channel: z.enum(messageChannels).optional(),
    direction: z.enum(messageDirections).optional(),
  })
  .openapi('MessageListQuery');

export const messageSchema = z
  .object({
    id: z.uuid(),
    channel: z.enum(messageChannels),
    direction: z.enum(messageDirections),
    to: z.string(),
    from: z.string().nullable(),
    subject: z.string().nullable(),
    body: z.string(),
    status: z.enum(messageStatuses),
    provider: z.string(),
    providerMessageId: z.string().nullable(),
    errorCode: z.string().nullable().openapi({ description: 'Why it failed or was suppressed (opted_out, quiet_hours, 21610…)' }),
    errorMessage: z.string().nullable(),
    priceMicros: z.number().int().nullable(),
    priceCurrency: z.string().nullable(),
    createdAt: timestamp(),
    sentAt: timestamp().nullable(),
    deliveredAt: timestamp().nullable(),
    appointmentId: z.uuid().nullable(),
    customerId: z.uuid().nullable(),
    campaignId: z.uuid().nullable(),
    variant: z.string().nullable(),
    automationRunId: z.uuid().nullable(),
    nodeId: z.string().nullable(),
  })
  .openapi('Message');

export const testMessageSchema = z
  .strictObject({
    channel: z.enum(messageChannels),
    to: z.string().trim().min(3).max(320).openapi({ description: 'A phone number (sms, whatsapp) or an email address' }),
    body: z.string().trim().min(1).max(1600).optional(),
    subject: z.string().trim().min(1).max(300).optional(),
    templateId: z.string().min(1).max(80).optional().openapi({ description: 'A template id or key, rendered against a sample context' }),
  })
  .superRefine((input, ctx) => {
    if ((input.body === undefined) === (input.templateId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'Send either body or templateId' });
    }
    if (input.channel === 'email' && !z.email().safeParse(input.to).success) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be an email address for the email channel' });
    }
  })
  .openapi('TestMessageInput');

const channelStatus = z.object({
  provider: z.string(),
  configured: z.boolean(),
  healthy: z.boolean(),
  detail: z.string(),
  checkedAt: timestamp(),
});

export const integrationStatusSchema = z
  .object({ sms: channelStatus, whatsapp: channelStatus, email: channelStatus })
  .openapi('IntegrationStatus');

export type MessageListQuery = z.output<typeof messageListQuery>;
export type TestMessageInput = z.output<typeof testMessageSchema>;
