import type { Message } from '../../../db/entities';

const iso = (date: Date | undefined): string | null => (date ? date.toISOString() : null);

export function presentMessage(m: Message) {
  return {
    id: m.id,
    channel: m.channel,
    direction: m.direction,
    to: m.to,
    from: m.from ?? null,
    subject: m.subject ?? null,
    body: m.body,
    status: m.status,
    provider: m.provider,
    providerMessageId: m.providerMessageId ?? null,
    errorCode: m.errorCode ?? null,
    errorMessage: m.errorMessage ?? null,
    priceMicros: m.priceMicros ?? null,
    priceCurrency: m.priceCurrency ?? null,
    createdAt: m.createdAt.toISOString(),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    appointmentId: m.appointmentId ?? null,
    customerId: m.customerId ?? null,
    campaignId: m.campaignId ?? null,
    variant: m.variant ?? null,
    automationRunId: m.automationRunId ?? null,
    nodeId: m.nodeId ?? null,
  };
}

export type MessageBody = ReturnType<typeof presentMessage>;
