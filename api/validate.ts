import type { z } from 'zod';
import { AppError, type InputLocation, validationError } from './errors';

/** Parses one part of a request with its schema; a failure names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: InputLocation): z.output<S> {
  const result = schema.safeParse(input === undefined && where === 'body' ? {} : input);
  if (!result.success) throw validationError(where, result.error.issues);
  return result.data;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not even a uuid cannot name a row: it is simply not found. */
export function parseId(value: unknown, label: string): string {
  if (typeof value !== 'string' || !uuidPattern.test(value)) {
    throw new AppError('NOT_FOUND', `${label} ${String(value)} was not found`);
  }
  return value.toLowerCase();
}
