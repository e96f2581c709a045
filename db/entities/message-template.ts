import { Entity, Enum, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';

export const messageChannels = ['sms', 'whatsapp', 'email'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/** Handlebars text over the run context. `key` is what automation nodes reference (templateId). */
@Entity({ tableName: 'message_templates' })
@Unique({ properties: ['tenantId', 'key'] })
export class MessageTemplate extends TenantScoped {
  @Property({ type: 'string', length: 80 })
  key!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => messageChannels, nativeEnumName: 'message_channel' })
  channel!: MessageChannel;

  @Property({ type: 'string', length: 300, nullable: true })
  subject?: string;

  @Property({ type: 'text' })
  body!: string;

  /** Approved WhatsApp template (Content SID) for sends outside the 24 h window. */
  @Property({ type: 'string', length: 80, nullable: true })
  whatsappContentSid?: string;

  @Property({ type: 'boolean' })
  system: boolean & Opt = false;
}
