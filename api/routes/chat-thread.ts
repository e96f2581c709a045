import type { Request, RequestHandler, Response, Router } from 'express';
import { ChatConversation, type ChatSender } from '../../db/entities';
import { attachmentDisposition, readChatAttachment } from '../services/chat/chat-attachments';
import { type ChatScope, conversationFor, unreadCount } from '../services/chat/chat-conversations';
import { listChatMessages, markChatRead, sendChatMessage } from '../services/chat/chat-messages';
import { parseId, parseInput } from '../validate';
import { chatAttachmentFields, chatHistoryQuery, chatMessageInput, chatReadInput } from './chat.schema';
import { chatUpload, uploadedFile } from './chat-upload';

/** Who is on this end of a conversation, and which customer's conversation it is. */
export interface ChatSide {
  scope: ChatScope;
  customerId: string;
  sender: ChatSender;
  userId?: string;
  /** A customer may only reach their own attachments. */
  ownCustomerId?: string;
}

/**
 * The endpoints one conversation offers to either side: history, send, attach, read. The admin
 * router resolves the customer from the path, the portal router from the session, so the same
 * handlers serve both with no way for a customer to name another conversation.
 */
export function mountChatThread(r: Router, base: string, sideOf: (req: Request) => Promise<ChatSide>, options: { before?: RequestHandler[] } = {}): void {
  const before = options.before ?? [];
  const existing = (side: ChatSide) => side.scope.em.findOne(ChatConversation, { customerId: side.customerId });

  r.get(`${base}/messages`, ...before, async (req, res) => {
    const side = await sideOf(req);
    const query = parseInput(chatHistoryQuery, req.query, 'query');
    const conversation = await existing(side);
    if (!conversation) return void res.json({ items: [], total: 0, conversation: null });
    res.json(await listChatMessages(side.scope, conversation, query, side.sender));
  });

  r.post(`${base}/messages`, ...before, async (req, res) => {
    const side = await sideOf(req);
    const input = parseInput(chatMessageInput, req.body, 'body');
    const conversation = await conversationFor(side.scope, side.customerId);
    res.status(201).json(await sendChatMessage({ scope: side.scope, conversation, sender: side.sender, userId: side.userId, body: input.body }));
  });

  r.post(`${base}/attachments`, ...before, chatUpload, async (req, res) => {
    const side = await sideOf(req);
    const fields = parseInput(chatAttachmentFields, req.body, 'body');
    const file = uploadedFile(req.file);
    const conversation = await conversationFor(side.scope, side.customerId);
    res.status(201).json(await sendChatMessage({ scope: side.scope, conversation, sender: side.sender, userId: side.userId, body: fields.body ?? '', file }));
  });

  r.post(`${base}/read`, ...before, async (req, res) => {
    const side = await sideOf(req);
    const input = parseInput(chatReadInput, req.body, 'body');
    const conversation = await existing(side);
    if (!conversation) return void res.json({ conversationId: null, readAt: null, changed: false });
    res.json(await markChatRead({ scope: side.scope, conversation, reader: side.sender, userId: side.userId, upTo: input.upTo }));
  });
}

/** GET …/attachments/:id: the bytes, for the tenant's staff or the customer they belong to. */
export async function sendChatAttachment(req: Request, res: Response, side: Pick<ChatSide, 'scope' | 'ownCustomerId'>): Promise<void> {
  const attachment = await readChatAttachment(side.scope.em, parseId(req.params.id, 'Attachment'), side.ownCustomerId);
  res.type(attachment.contentType).setHeader('Content-Disposition', attachmentDisposition(attachment));
  res.setHeader('Cache-Control', 'private, max-age=3600');
  res.send(attachment.data);
}

/** Unread messages for one side of one conversation. */
export async function unreadFor(side: ChatSide): Promise<{ conversations: number; messages: number }> {
  const conversation = await side.scope.em.findOne(ChatConversation, { customerId: side.customerId });
  if (!conversation) return { conversations: 0, messages: 0 };
  const messages = await unreadCount(side.scope, conversation, side.sender);
  return { conversations: messages > 0 ? 1 : 0, messages };
}
