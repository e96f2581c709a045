import { z } from 'zod';
import { presenceStates } from '../../db/entities/staff-presence';

/**
 * What a client may send on a live socket. Everything else is answered with an `error` frame
 * naming the field, and counts against the message rate like any frame.
 */
const frameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping') }).strict(),
  /** The idle signal (staff only): `away` after idle minutes or a hidden tab, `online` again on activity. */
  z.object({ type: z.literal('presence'), state: z.enum(presenceStates) }).strict(),
  /** Typing in a chat: staff name the customer's conversation, a customer's socket already names it. */
  z.object({ type: z.literal('typing'), customerId: z.uuid().optional() }).strict(),
]);

export type LiveFrame = z.infer<typeof frameSchema>;

export type ParsedFrame = { ok: true; frame: LiveFrame } | { ok: false; field: string; message: string };

export function parseLiveFrame(raw: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, field: '', message: 'The frame is not JSON' };
  }
  const result = frameSchema.safeParse(value);
  if (result.success) return { ok: true, frame: result.data };
  const issue = result.error.issues[0];
  const field = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : (issue?.path.map(String).join('.') ?? '');
  return { ok: false, field, message: issue?.message ?? 'Invalid frame' };
}
