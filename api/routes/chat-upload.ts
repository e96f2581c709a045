import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../errors';
import { type ChatUpload, MAX_CHAT_ATTACHMENT_BYTES } from '../services/chat/chat-attachments';

const parser = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_CHAT_ATTACHMENT_BYTES, files: 1, fields: 2, fieldSize: 16 * 1024 } }).single('file');

/** One chat attachment in the `file` field (≤ 5 MB, in memory) and an optional `body` text field. */
export const chatUpload: RequestHandler = (req, res, next) => {
  if (!req.is('multipart/form-data')) {
    return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the attachment as multipart/form-data with a `file` field', [{ path: 'file', message: 'is required' }]));
  }
  parser(req, res, (error: unknown) => {
    if (!error) return next();
    const code = (error as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') return next(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_CHAT_ATTACHMENT_BYTES / 1024 / 1024} MB`, [{ path: 'file', message: 'is too large' }]));
    if (code === 'LIMIT_UNEXPECTED_FILE') return next(new AppError('VALIDATION_FAILED', 'Send one file, in the `file` field', [{ path: (error as { field?: string }).field ?? 'file', message: 'unexpected file field' }]));
    if (code?.startsWith('LIMIT_')) return next(new AppError('VALIDATION_FAILED', `Upload refused: ${(error as Error).message}`, [{ path: 'file', message: (error as Error).message }]));
    next(error);
  });
};

/** The uploaded file, or a 400 naming `file`. */
export function uploadedFile(file: Express.Multer.File | undefined): ChatUpload {
  if (!file) throw new AppError('VALIDATION_FAILED', 'Attach the file as the `file` field', [{ path: 'file', message: 'is required' }]);
  return file;
}
