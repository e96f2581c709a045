import { api, buildUrl } from '../api/client';
import { customerDownload, customerRequest } from '../api/customer-client';
import { ApiError, errorFromBody } from '../api/errors';
import { readPortalToken } from '../api/portal-token';
import { readToken } from '../api/token';

export type ChatSender = 'customer' | 'staff';

export interface ChatAttachmentInfo {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export interface ChatMessage {
  id: string;
  conversationId: string;
  sender: ChatSender;
  userId?: string | null;
  body: string;
  attachment: ChatAttachmentInfo | null;
  createdAt: string;
  /** The other side has read it. */
  read: boolean;
}

export interface ChatHistory {
  items: ChatMessage[];
  total: number;
  nextCursor?: string;
}

export interface ChatConversation {
  id: string;
  customerId: string;
  customerName: string;
  lastMessageAt: string | null;
  lastMessage: { body: string; sender: ChatSender; hasAttachment: boolean } | null;
  unreadForStaff: number;
}

export interface ChatUnread {
  conversations: number;
  messages: number;
}

/** Size and types the api accepts (checked again there from the file's bytes). */
export const maxAttachmentBytes = 5 * 1024 * 1024;
export const attachmentAccept = 'image/jpeg,image/png,image/gif,image/webp,image/heic,application/pdf';

/** One side's way to a conversation: the business names the customer, the portal is the customer. */
export interface ChatTransport {
  side: ChatSender;
  /** React Query key of this conversation. */
  key: readonly unknown[];
  history(cursor?: string): Promise<ChatHistory>;
  send(body: string): Promise<ChatMessage>;
  attach(file: File, body: string): Promise<ChatMessage>;
  read(upTo?: string): Promise<unknown>;
  download(attachmentId: string): Promise<Blob>;
}

async function upload(url: string, token: string | null, file: File, body: string): Promise<ChatMessage> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (body.trim()) form.append('body', body);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {}, body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection and try again.');
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    // not JSON
  }
  if (!response.ok) throw errorFromBody(response.status, parsed);
  return parsed as ChatMessage;
}

async function staffDownload(path: string): Promise<Blob> {
  const token = readToken();
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw errorFromBody(response.status, await response.json().catch(() => undefined));
  return response.blob();
}

export function staffChat(customerId: string): ChatTransport {
  const base = `/api/chat/customers/${customerId}`;
  return {
    side: 'staff',
    key: ['chat', 'thread', customerId],
    history: (cursor) => api.get<ChatHistory>(`${base}/messages`, { limit: 30, cursor }),
    send: (body) => api.post<ChatMessage>(`${base}/messages`, { body }),
    attach: (file, body) => upload(`${base}/attachments`, readToken(), file, body),
    read: (upTo) => api.post(`${base}/read`, upTo ? { upTo } : {}),
    download: (id) => staffDownload(`/api/chat/attachments/${id}`),
  };
}

export function portalChat(customerId: string): ChatTransport {
  const base = '/api/portal/chat';
  const token = () => readPortalToken();
  return {
    side: 'customer',
    key: ['chat', 'portal', customerId],
    history: (cursor) => customerRequest<ChatHistory>(buildUrl(`${base}/messages`, { limit: 30, cursor }), { token: token() }),
    send: (body) => customerRequest<ChatMessage>(`${base}/messages`, { token: token(), body: { body } }),
    attach: (file, body) => upload(`${base}/attachments`, token(), file, body),
    read: (upTo) => customerRequest(`${base}/read`, { token: token(), body: upTo ? { upTo } : {} }),
    download: (id) => customerDownload(`${base}/attachments/${id}`, { token: token() }),
  };
}

export const chatInbox = {
  conversations: (query: { q?: string; unread?: boolean; cursor?: string }) =>
    api.get<{ items: ChatConversation[]; total: number; nextCursor?: string }>('/api/chat/conversations', { ...query, unread: query.unread ? 'true' : undefined, limit: 50 }),
  unread: () => api.get<ChatUnread>('/api/chat/unread'),
};

export const portalChatUnread = () => customerRequest<ChatUnread>('/api/portal/chat/unread', { token: readPortalToken() });
