import type { EntityManager } from '@mikro-orm/postgresql';
import { ChatConversation, ChatMessage, Customer } from '../../../db/entities';
import { notFound } from '../../errors';
import { afterPosition, decodeCursor, defaultPageSize, likePattern, nextCursorFor, type Page, type SortSpec } from '../pagination';

export interface ChatScope {
  em: EntityManager;
  tenantId: string;
}

/**
 * The customer's conversation, created on first use. Concurrent first messages meet on the
 * unique (tenant, customer) index instead of creating two threads.
 */
export async function conversationFor(scope: ChatScope, customerId: string): Promise<ChatConversation> {
  const existing = await scope.em.findOne(ChatConversation, { customerId });
  if (existing) return existing;
  const customer = await scope.em.findOne(Customer, { id: customerId }, { fields: ['id'] });
  if (!customer) throw notFound('Customer', customerId);
  await scope.em.execute(
    `insert into chat_conversations (id, tenant_id, customer_id) values (gen_random_uuid(), ?, ?) on conflict (tenant_id, customer_id) do nothing`,
    [scope.tenantId, customerId],
  );
  return scope.em.findOneOrFail(ChatConversation, { customerId });
}

export interface ConversationSummary {
  id: string;
  customerId: string;
  customerName: string;
  lastMessageAt: string | null;
  lastMessage: { body: string; sender: string; hasAttachment: boolean } | null;
  unreadForStaff: number;
  customerReadAt: string | null;
  staffReadAt: string | null;
}

const sort: SortSpec = { field: 'lastMessageAt', direction: 'desc', kind: 'date' };

/** The inbox: conversations that have messages, most recent first, with the staff side's unread counts. */
export async function listConversations(scope: ChatScope, query: { limit?: number; cursor?: string; q?: string; unread?: boolean }): Promise<Page<ConversationSummary>> {
  const limit = query.limit ?? defaultPageSize;
  const where: Record<string, unknown> = { lastMessageAt: { $ne: null } };
  if (query.q) {
    const ids = (await scope.em.find(Customer, { name: { $ilike: likePattern(query.q) } }, { fields: ['id'], limit: 500 })).map((c) => c.id);
    where.customerId = { $in: ids };
  }
  if (query.unread) {
    const unread = await scope.em.execute<Array<{ id: string }>>(
      `select id from chat_conversations where tenant_id = ? and last_message_at is not null and (staff_read_at is null or last_message_at > staff_read_at)`,
      [scope.tenantId],
    );
    where.id = { $in: unread.map((c) => c.id) };
  }
  const conditions = query.cursor ? { $and: [where, afterPosition(sort, decodeCursor(query.cursor))] } : where;
  const [rows, total] = await Promise.all([
    scope.em.find(ChatConversation, conditions, { orderBy: { lastMessageAt: 'desc', id: 'desc' }, limit: limit + 1 }),
    scope.em.count(ChatConversation, where),
  ]);
  const page = rows.slice(0, limit);
  const summaries = await summarise(scope, page);
  const last = page.at(-1);
  return { items: summaries, total, ...(rows.length > limit && last ? { nextCursor: nextCursorFor(sort, last as unknown as Record<string, unknown> & { id: string }) } : {}) };
}

async function summarise(scope: ChatScope, conversations: ChatConversation[]): Promise<ConversationSummary[]> {
  if (!conversations.length) return [];
  const ids = conversations.map((c) => c.id);
  const [customers, latest, unread] = await Promise.all([
    scope.em.find(Customer, { id: { $in: conversations.map((c) => c.customerId) } }, { fields: ['id', 'name'] }),
    scope.em.execute<Array<{ conversation_id: string; body: string; sender: string; attachment_id: string | null }>>(
      `select distinct on (conversation_id) conversation_id, body, sender, attachment_id from chat_messages
        where tenant_id = ? and conversation_id in (?) order by conversation_id, created_at desc, id desc`,
      [scope.tenantId, ids],
    ),
    scope.em.execute<Array<{ conversation_id: string; unread: string }>>(
      `select m.conversation_id, count(*) as unread from chat_messages m join chat_conversations c on c.id = m.conversation_id
        where m.tenant_id = ? and m.conversation_id in (?) and m.sender = 'customer' and (c.staff_read_at is null or m.created_at > c.staff_read_at)
        group by m.conversation_id`,
      [scope.tenantId, ids],
    ),
  ]);
  const names = new Map(customers.map((c) => [c.id, c.name]));
  const lastBy = new Map(latest.map((m) => [m.conversation_id, m]));
  const unreadBy = new Map(unread.map((u) => [u.conversation_id, Number(u.unread)]));
  return conversations.map((c) => {
    const last = lastBy.get(c.id);
    return {
      id: c.id,
      customerId: c.customerId,
      customerName: names.get(c.customerId) ?? '',
      lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
      lastMessage: last ? { body: last.body.slice(0, 140), sender: last.sender, hasAttachment: Boolean(last.attachment_id) } : null,
      unreadForStaff: unreadBy.get(c.id) ?? 0,
      customerReadAt: c.customerReadAt?.toISOString() ?? null,
      staffReadAt: c.staffReadAt?.toISOString() ?? null,
    };
  });
}

/** Messages the given side has not read yet (for the portal's badge). */
export async function unreadCount(scope: ChatScope, conversation: ChatConversation, reader: 'customer' | 'staff'): Promise<number> {
  const readAt = reader === 'customer' ? conversation.customerReadAt : conversation.staffReadAt;
  return scope.em.count(ChatMessage, {
    conversationId: conversation.id,
    sender: reader === 'customer' ? 'staff' : 'customer',
    ...(readAt ? { createdAt: { $gt: readAt } } : {}),
  });
}

/** Across the inbox: conversations with customer messages staff have not read, and how many messages. */
export async function staffUnreadTotals(scope: ChatScope): Promise<{ conversations: number; messages: number }> {
  const [row] = await scope.em.execute<Array<{ conversations: string; messages: string }>>(
    `select count(distinct m.conversation_id) as conversations, count(*) as messages from chat_messages m
       join chat_conversations c on c.id = m.conversation_id
      where m.tenant_id = ? and m.sender = 'customer' and (c.staff_read_at is null or m.created_at > c.staff_read_at)`,
    [scope.tenantId],
  );
  return { conversations: Number(row?.conversations ?? 0), messages: Number(row?.messages ?? 0) };
}
