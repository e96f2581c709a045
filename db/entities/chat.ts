import { Check, Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';
import { User } from './user';

export const chatSenders = ['customer', 'staff'] as const;
export type ChatSender = (typeof chatSenders)[number];

/**
 * The one chat thread between the business and a customer. Read receipts are the time up to
 * which each side has read: a message is read when the other side's mark has reached it.
 */
@Entity({ tableName: 'chat_conversations' })
@Unique({ properties: ['tenantId', 'customerId'] })
@Index({ properties: ['tenantId', 'lastMessageAt'] })
export class ChatConversation extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Property({ type: 'timestamptz', nullable: true })
  lastMessageAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  customerReadAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  staffReadAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  staffReadByUserId?: string;
}

/** One message of a conversation: text, an attachment, or both. */
@Entity({ tableName: 'chat_messages' })
@Index({ properties: ['conversationId', 'createdAt', 'id'] })
@Check({ name: 'chat_messages_not_empty', expression: "length(body) > 0 or attachment_id is not null" })
export class ChatMessage extends TenantScoped {
  @RefId(() => ChatConversation, { column: 'conversation_id', onDelete: 'cascade' })
  conversationId!: string;

  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Enum({ items: () => chatSenders, nativeEnumName: 'chat_sender' })
  sender!: ChatSender;

  @RefId(() => User, { column: 'user_id', nullable: true, onDelete: 'set null' })
  userId?: string;

  @Property({ type: 'text' })
  body: string & Opt = '';

  @Property({ type: 'uuid', nullable: true })
  attachmentId?: string;
}

/**
 * A file sent in a chat, kept in PostgreSQL like pet documents so every replica serves it.
 * Its type is the one sniffed from the bytes, never the one the uploader claimed.
 */
@Entity({ tableName: 'chat_attachments' })
@Index({ properties: ['tenantId', 'customerId'] })
@Check({ name: 'chat_attachments_size_limit', expression: 'size_bytes > 0 and size_bytes <= 5242880' })
export class ChatAttachment extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Property({ type: 'string', length: 255 })
  filename!: string;

  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  @Property({ type: 'blob', lazy: true, hidden: true })
  data!: Buffer;
}
