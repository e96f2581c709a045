import { z } from 'zod';
import { toAppError } from './error-handler';
import { AppError, errorStatus, statusForCode, validationError } from './errors';

describe('error codes', () => {
  test('each code maps to one HTTP status', () => {
    expect(statusForCode('VALIDATION_FAILED')).toBe(400);
    expect(statusForCode('UNAUTHENTICATED')).toBe(401);
    expect(statusForCode('FORBIDDEN')).toBe(403);
    expect(statusForCode('NOT_FOUND')).toBe(404);
    expect(statusForCode('SLOT_TAKEN')).toBe(409);
    expect(statusForCode('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(statusForCode('IDEMPOTENCY_KEY_REUSED')).toBe(422);
    expect(statusForCode('INTERNAL')).toBe(500);
    for (const status of Object.values(errorStatus)) expect(status >= 400 && status < 600).toBe(true);
  });

  test('zod failures become one detail per problem, unknown keys one per key', () => {
    const schema = z.strictObject({ email: z.email(), age: z.number(), nested: z.strictObject({ ok: z.boolean() }) });
    const result = schema.safeParse({ email: 'nope', age: 'x', nested: { ok: true, extra: 1 }, a: 1, b: 2 });
    expect(result.success).toBe(false);
    const error = validationError('body', result.error!.issues);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'email', message: expect.stringMatching(/email/i) },
        { path: 'age', message: expect.stringMatching(/number/) },
        { path: 'nested.extra', message: 'Unknown field "extra"' },
        { path: 'a', message: 'Unknown field "a"' },
        { path: 'b', message: 'Unknown field "b"' },
      ]),
    );
    expect(error.message).toMatch(/^Invalid request body: /);
    expect(error.message).toContain('email');
  });

  test('body-parser failures are translated; unknown errors are not', () => {
    expect(toAppError(Object.assign(new Error('Unexpected token'), { type: 'entity.parse.failed' }))?.code).toBe('INVALID_JSON');
    const large = toAppError(Object.assign(new Error('too large'), { type: 'entity.too.large', limit: 102400 }));
    expect(large).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('100 kB') });
    const own = new AppError('SLOT_TAKEN', 'busy');
    expect(toAppError(own)).toBe(own);
    expect(toAppError(new Error('boom'))).toBeUndefined();
  });
});
