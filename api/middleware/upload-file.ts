import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../errors';
import { MAX_DOCUMENT_BYTES } from '../services/pets/pet-documents';

/** Paths whose POST takes multipart/form-data (see jsonBody): pet documents, chat attachments, CSV imports. */
export const uploadPaths = /\/(documents|attachments)$|^\/imports$/;

const parser = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 10, fieldSize: 1024 } }).single('file');

/** One file in the `file` field, kept in memory (≤ 5 MB) for the domain function to check and store. */
export const uploadFile: RequestHandler = (req, res, next) => {
  parser(req, res, (error: unknown) => {
    if (!error) return next();
    const code = (error as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') return next(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`));
    if (code?.startsWith('LIMIT_')) return next(new AppError('VALIDATION_FAILED', `Upload refused: ${(error as Error).message}`, [{ path: 'file', message: (error as Error).message }]));
    next(error);
  });
};
