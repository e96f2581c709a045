import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { messageChannels, type MessageChannel } from './message-template';
import { RefId } from './ref';

export const messageDirections = ['outbound', 'inbound'] as const;
export type MessageDirection = (typeof messageDirections)[number];
export const messageStatuses = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'received',
  'suppressed',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * The message log and outbox. An outbound row is written before the provider is called;
 * its unique idempotency key is what makes a retried send a no-op.
 */
@Entity({ tableName: 'messages' })
@Unique({ properties: ['tenantId', 'idempotencyKey'] })
@Index({ properties: ['tenantId', 'customerId', 'createdAt'] })
@Index({ properties: ['tenantId', 'appointmentId'] })
export class Message extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', nullable: true })
  customerId?: string;

  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;

  @Enum({ items: () => messageChannels, nativeEnumName: 'message_channel' })
  channel!: MessageChannel;

  @Enum({ items: () => messageDirections, nativeEnumName: 'message_direction' })
  direction: MessageDirection & Opt = 'outbound';

  @Property({ type: 'string', length: 320 })
  to!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  from?: string;

  @Property({ type: 'string', length: 300, nullable: true })
  subject?: string;

  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: () => messageStatuses, nativeEnumName: 'message_status' })
  status: MessageStatus & Opt = 'queued';

  /** outbox | twilio | smtp */
  @Property({ type: 'string', length: 20 })
  provider: string & Opt = 'outbox';

  @Index()
  @Property({ type: 'string', length: 80, nullable: true })
  providerMessageId?: string;

  @Property({ type: 'string', length: 300, nullable: true })
  idempotencyKey?: string;

  @Property({ type: 'integer', nullable: true })
  priceMicros?: number;

  @Property({ type: 'string', length: 3, nullable: true })
  priceCurrency?: string;

  @Property({ type: 'string', length: 40, nullable: true })
  errorCode?: string;

  @Property({ type: 'text', nullable: true })
  errorMessage?: string;

  @Property({ type: 'uuid', nullable: true })
  campaignId?: string;

  @Property({ type: 'string', length: 40, nullable: true })
  variant?: string;

  @Property({ type: 'uuid', nullable: true })
  automationRunId?: string;

  @Property({ type: 'string', length: 80, nullable: true })
  nodeId?: string;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date;
}
