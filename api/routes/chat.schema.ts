import { MAX_CHAT_BODY } from '../services/chat/chat-messages';
import { z } from '../zod';
import { listQueryShape, timestamp } from './common.schema';

export const chatMessageInput = z.object({ body: z.string().max(MAX_CHAT_BODY, `must be at most ${MAX_CHAT_BODY} characters`) }).strict().openapi('ChatMessageInput');

/** The text fields beside `file` in a multipart attachment upload. */
export const chatAttachmentFields = z.object({ body: z.string().max(MAX_CHAT_BODY, `must be at most ${MAX_CHAT_BODY} characters`).optional() }).strict();

export const chatReadInput = z
  .object({ upTo: z.uuid().optional().openapi({ description: 'The newest message read; default the newest of the conversation' }) })
  .strict()
  .openapi('ChatReadInput');

export const chatHistoryQuery = z.object({ limit: listQueryShape.limit, cursor: listQueryShape.cursor }).strict();

export const chatConversationsQuery = z
  .object({ ...listQueryShape, unread: z.enum(['true', 'false']).optional().openapi({ description: 'Only conversations with messages staff have not read' }) })
  .strict();

export const customerParams = z.object({ customerId: z.uuid().openapi({ param: { description: 'Customer id' } }) });

export const chatMessageSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    sender: z.enum(['customer', 'staff']),
    userId: z.uuid().nullable().optional(),
    body: z.string(),
    attachment: z.object({ id: z.uuid(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
    createdAt: timestamp(),
    read: z.boolean().openapi({ description: 'The other side has read it' }),
  })
  .openapi('ChatMessage');

export const chatHistorySchema = z
  .object({
    items: z.array(chatMessageSchema),
    total: z.number().int(),
    nextCursor: z.string().optional(),
    conversation: z.object({ id: z.uuid(), customerId: z.uuid(), customerReadAt: timestamp().nullable(), staffReadAt: timestamp().nullable() }).nullable(),
  })
  .openapi('ChatHistory');

export const chatConversationSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    customerName: z.string(),
    lastMessageAt: timestamp().nullable(),
    lastMessage: z.object({ body: z.string(), sender: z.string(), hasAttachment: z.boolean() }).nullable(),
    unreadForStaff: z.number().int(),
    customerReadAt: timestamp().nullable(),
    staffReadAt: timestamp().nullable(),
  })
  .openapi('ChatConversation');

export const chatReadSchema = z.object({ conversationId: z.uuid(), readAt: timestamp().nullable(), changed: z.boolean() }).openapi('ChatReadResult');
export const chatUnreadSchema = z.object({ conversations: z.number().int(), messages: z.number().int() }).openapi('ChatUnread');
