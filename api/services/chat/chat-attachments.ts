import type { EntityManager } from '@mikro-orm/postgresql';
import { fromBuffer } from 'file-type';
import { ChatAttachment } from '../../../db/entities';
import { AppError, notFound } from '../../errors';

export const MAX_CHAT_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** What a chat may carry, by the type sniffed from the bytes (the uploader's claim is ignored). */
export const CHAT_ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'application/pdf'] as const;

export interface ChatUpload {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface CheckedAttachment {
  filename: string;
  contentType: string;
  sizeBytes: number;
  data: Buffer;
}

/**
 * Size and type of an uploaded file, checked from its magic bytes with `file-type`: a script
 * renamed to .png, or an HTML page sent as image/jpeg, is refused. Every refusal names `file`.
 */
export async function checkChatAttachment(file: ChatUpload): Promise<CheckedAttachment> {
  if (file.size === 0 || file.buffer.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The file is empty', [{ path: 'file', message: 'is empty' }]);
  }
  if (file.size > MAX_CHAT_ATTACHMENT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_CHAT_ATTACHMENT_BYTES / 1024 / 1024} MB`, [{ path: 'file', message: 'is too large' }]);
  }
  const sniffed = await fromBuffer(file.buffer);
  if (!sniffed || !(CHAT_ATTACHMENT_TYPES as readonly string[]).includes(sniffed.mime)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send a photo (JPEG, PNG, GIF, WebP, HEIC) or a PDF; this file's content is ${sniffed?.mime ?? 'not a known type'}`, [
      { path: 'file', message: 'unsupported file type' },
    ]);
  }
  return { filename: safeFilename(file.originalname, sniffed.ext), contentType: sniffed.mime, sizeBytes: file.buffer.length, data: file.buffer };
}

function safeFilename(name: string, ext: string): string {
  const cleaned = name.replace(/[^\w.\- ]+/g, '_').trim().slice(0, 200);
  if (!cleaned) return `attachment.${ext}`;
  return cleaned.toLowerCase().endsWith(`.${ext}`) ? cleaned : `${cleaned}.${ext}`;
}

/** An attachment with its bytes, if it exists in the tenant (bound filter) and, for a customer, is theirs. */
export async function readChatAttachment(em: EntityManager, id: string, customerId?: string): Promise<ChatAttachment> {
  const attachment = await em.findOne(ChatAttachment, { id, ...(customerId ? { customerId } : {}) }, { populate: ['data'] });
  if (!attachment) throw notFound('Attachment', id);
  return attachment;
}

/** Images open in the browser; anything else downloads. */
export function attachmentDisposition(attachment: Pick<ChatAttachment, 'contentType' | 'filename'>): string {
  const kind = attachment.contentType.startsWith('image/') ? 'inline' : 'attachment';
  return `${kind}; filename="${attachment.filename.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`;
}
