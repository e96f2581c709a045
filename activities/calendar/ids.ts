import { createHash } from 'node:crypto';

/**
 * Deterministic ids derived from the appointment, so a retried push finds its own event instead
 * of creating another.
 */

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** Lower-case base32hex (RFC 4648 §7), the alphabet Google allows in event ids. */
export function base32hex(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Google event id for an appointment: "af" + base32hex(sha256(tenant, appointment)), 54
 * characters of [0-9a-v], within Google's 5–1024 rule. The same appointment always maps to the
 * same id, so an insert retried after a lost answer gets 409 instead of a second event.
 */
export function googleEventId(tenantId: string, appointmentId: string): string {
  return `af${base32hex(digest('google-event', tenantId, appointmentId))}`;
}

/** `conferenceData.createRequest.requestId`: one Meet per appointment, whatever the retries. */
export function meetRequestId(tenantId: string, appointmentId: string): string {
  return `af-meet-${base32hex(digest('meet', tenantId, appointmentId)).slice(0, 32)}`;
}

/** Graph `transactionId` (a GUID-shaped string): Graph drops a second create with the same one. */
export function graphTransactionId(tenantId: string, appointmentId: string): string {
  const hex = digest('graph-event', tenantId, appointmentId).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
