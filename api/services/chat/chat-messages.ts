import { ChatAttachment, type ChatConversation, ChatMessage, type ChatSender } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import { publishLiveEvent } from '../live/events';
import { afterPosition, decodeCursor, defaultPageSize, nextCursorFor, type SortSpec } from '../pagination';
import { createInTenant } from '../tenant-scope';
import { type ChatUpload, checkChatAttachment } from './chat-attachments';
import type { ChatScope } from './chat-conversations';

export const MAX_CHAT_BODY = 4000;

export interface PresentedChatMessage {
  id: string;
  conversationId: string;
  sender: ChatSender;
  /** The staff member who wrote it; never shown to customers. */
  userId?: string | null;
  body: string;
  attachment: { id: string; filename: string; contentType: string; sizeBytes: number } | null;
  createdAt: string;
  /** The other side has read it. */
  read: boolean;
}

function present(message: ChatMessage, conversation: ChatConversation, attachment: ChatAttachment | undefined, forCustomer: boolean): PresentedChatMessage {
  const otherReadAt = message.sender === 'customer' ? conversation.staffReadAt : conversation.customerReadAt;
  return {
    id: message.id,
    conversationId: message.conversationId,
    sender: message.sender,
    ...(forCustomer ? {} : { userId: message.userId ?? null }),
    body: message.body,
    attachment: attachment ? { id: attachment.id, filename: attachment.filename, contentType: attachment.contentType, sizeBytes: attachment.sizeBytes } : null,
    createdAt: message.createdAt.toISOString(),
    read: Boolean(otherReadAt && otherReadAt >= message.createdAt),
  };
}

const sort: SortSpec = { field: 'createdAt', direction: 'desc', kind: 'date' };

/** History, newest first; `nextCursor` pages back in time. */
export async function listChatMessages(scope: ChatScope, conversation: ChatConversation, query: { limit?: number; cursor?: string }, viewer: ChatSender) {
  const limit = query.limit ?? defaultPageSize;
  const where = { conversationId: conversation.id };
  const conditions = query.cursor ? { $and: [where, afterPosition(sort, decodeCursor(query.cursor))] } : where;
  const [rows, total] = await Promise.all([
    scope.em.find(ChatMessage, conditions, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 }),
    scope.em.count(ChatMessage, where),
  ]);
  const page = rows.slice(0, limit);
  const attachmentIds = page.map((m) => m.attachmentId).filter((id): id is string => Boolean(id));
  const attachments = attachmentIds.length ? await scope.em.find(ChatAttachment, { id: { $in: attachmentIds } }) : [];
  const byId = new Map(attachments.map((a) => [a.id, a]));
  const last = page.at(-1);
  return {
    items: page.map((m) => present(m, conversation, m.attachmentId ? byId.get(m.attachmentId) : undefined, viewer === 'customer')),
    total,
    ...(rows.length > limit && last ? { nextCursor: nextCursorFor(sort, last as unknown as Record<string, unknown> & { id: string }) } : {}),
    conversation: { id: conversation.id, customerId: conversation.customerId, customerReadAt: conversation.customerReadAt?.toISOString() ?? null, staffReadAt: conversation.staffReadAt?.toISOString() ?? null },
  };
}

/**
 * Stores a message (text, an attachment, or both) and tells the live sockets of both sides in
 * the same transaction, so nobody hears of a message that did not commit. Writing a message
 * also marks the thread read up to it for its writer.
 */
export async function sendChatMessage(options: {
  scope: ChatScope;
  conversation: ChatConversation;
  sender: ChatSender;
  userId?: string;
  body: string;
  file?: ChatUpload;
}): Promise<PresentedChatMessage> {
  const body = options.body.trim();
  if (!body && !options.file) {
    throw new AppError('VALIDATION_FAILED', 'Write a message or attach a file', [{ path: 'body', message: 'is required without a file' }]);
  }
  if (body.length > MAX_CHAT_BODY) {
    throw new AppError('VALIDATION_FAILED', `A message is at most ${MAX_CHAT_BODY} characters`, [{ path: 'body', message: `is longer than ${MAX_CHAT_BODY} characters` }]);
  }
  const checked = options.file ? await checkChatAttachment(options.file) : undefined;
  const { conversation } = options;
  return options.scope.em.transactional(async (tx) => {
    const scope = { em: tx, tenantId: options.scope.tenantId };
    const attachment = checked ? createInTenant(scope, ChatAttachment, { customerId: conversation.customerId, ...checked }) : undefined;
    const message = createInTenant(scope, ChatMessage, {
      conversationId: conversation.id,
      customerId: conversation.customerId,
      sender: options.sender,
      userId: options.userId,
      body,
      attachmentId: attachment?.id,
    });
    await tx.flush();
    const own = options.sender === 'customer' ? 'customer_read_at' : 'staff_read_at';
    // The database clock orders messages; the conversation follows it.
    const [updated] = await tx.execute<Array<{ last_message_at: Date; customer_read_at: Date | null; staff_read_at: Date | null }>>(
      `update chat_conversations set last_message_at = greatest(last_message_at, m.created_at), ${own} = greatest(${own}, m.created_at), updated_at = now()
         ${options.sender === 'staff' ? ', staff_read_by_user_id = ?' : ''}
         from chat_messages m where m.id = ? and chat_conversations.id = m.conversation_id and chat_conversations.tenant_id = ?
         returning chat_conversations.last_message_at, chat_conversations.customer_read_at, chat_conversations.staff_read_at`,
      [...(options.sender === 'staff' ? [options.userId ?? null] : []), message.id, scope.tenantId],
    );
    if (!updated) throw notFound('Conversation', conversation.id);
    conversation.lastMessageAt = updated.last_message_at;
    conversation.customerReadAt = updated.customer_read_at ?? undefined;
    conversation.staffReadAt = updated.staff_read_at ?? undefined;
    await publishLiveEvent(tx, {
      tenantId: scope.tenantId,
      type: 'chat.message',
      data: { conversationId: conversation.id, customerId: conversation.customerId, messageId: message.id, sender: options.sender, createdAt: message.createdAt.toISOString() },
    });
    return present(message, conversation, attachment, options.sender === 'customer');
  });
}

/**
 * Moves one side's read mark forward to `upTo` (a message of this conversation) or to the newest
 * message; it never moves back. The other side sees its messages turn to "Read".
 */
export async function markChatRead(options: { scope: ChatScope; conversation: ChatConversation; reader: ChatSender; userId?: string; upTo?: string }) {
  const { scope, conversation, reader } = options;
  let until: Date | undefined;
  if (options.upTo) {
    const message = await scope.em.findOne(ChatMessage, { id: options.upTo, conversationId: conversation.id }, { fields: ['createdAt'] });
    if (!message) throw new AppError('INVALID_REFERENCE', 'That message is not in this conversation', [{ path: 'upTo', message: 'is not a message of this conversation' }]);
    until = message.createdAt;
  } else {
    const [newest] = await scope.em.find(ChatMessage, { conversationId: conversation.id }, { orderBy: { createdAt: 'desc' }, limit: 1, fields: ['createdAt'] });
    until = newest?.createdAt;
  }
  const current = reader === 'customer' ? conversation.customerReadAt : conversation.staffReadAt;
  if (!until || (current && current >= until)) return { conversationId: conversation.id, readAt: current?.toISOString() ?? null, changed: false };
  await scope.em.transactional(async (tx) => {
    const column = reader === 'customer' ? 'customer_read_at' : 'staff_read_at';
    await tx.execute(
      `update chat_conversations set ${column} = greatest(${column}, ?)${reader === 'staff' ? ', staff_read_by_user_id = ?' : ''}, updated_at = now() where id = ? and tenant_id = ?`,
      [until, ...(reader === 'staff' ? [options.userId ?? null] : []), conversation.id, scope.tenantId],
    );
    await publishLiveEvent(tx, {
      tenantId: scope.tenantId,
      type: 'chat.read',
      data: { conversationId: conversation.id, customerId: conversation.customerId, by: reader, readAt: until.toISOString() },
    });
  });
  return { conversationId: conversation.id, readAt: until.toISOString(), changed: true };
}

/** A typing indicator: nothing is stored, both sides' sockets hear it for a few seconds. */
export async function publishTyping(scope: ChatScope, input: { customerId: string; by: ChatSender; userId?: string; userName?: string }): Promise<void> {
  await publishLiveEvent(scope.em, {
    tenantId: scope.tenantId,
    type: 'chat.typing',
    data: { customerId: input.customerId, by: input.by, ...(input.by === 'staff' && input.userName ? { name: input.userName.split(' ')[0] } : {}) },
  });
}
