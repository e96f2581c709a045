import type { EntityManager } from '@mikro-orm/postgresql';

/** The PostgreSQL channel every api process LISTENs on (NOTIFY is scoped to one database). */
export const liveChannel = 'appointflow_live';

export const liveEventTypes = [
  'booking.created',
  'booking.updated',
  'booking.cancelled',
  'availability.changed',
  'execution.status',
  'message.status',
  'chat.message',
  'chat.read',
  'chat.typing',
  'presence.changed',
  'campaign.progress',
] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

/** The only events a customer's portal socket receives, and only those naming that customer. */
export const customerLiveEventTypes: readonly LiveEventType[] = ['chat.message', 'chat.read', 'chat.typing'];

/** What publishers NOTIFY: compact, ids and statuses only (PostgreSQL caps a payload below 8000 bytes). */
export interface LiveNotification {
  tenantId: string;
  type: LiveEventType;
  data: Record<string, unknown>;
}

/** What a WebSocket client receives. */
export interface LiveEvent {
  type: LiveEventType;
  at: string;
  data: Record<string, unknown>;
}

export const maxLivePayloadBytes = 7_999;

/** Parses a NOTIFY payload; undefined for anything malformed, so a bad publisher never breaks the listener. */
export function parseLiveNotification(payload: string | undefined): LiveNotification | undefined {
  if (!payload) return undefined;
  try {
    const value = JSON.parse(payload) as Partial<LiveNotification>;
    if (typeof value.tenantId !== 'string' || !liveEventTypes.includes(value.type as LiveEventType)) return undefined;
    const data = value.data && typeof value.data === 'object' && !Array.isArray(value.data) ? value.data : {};
    return { tenantId: value.tenantId, type: value.type as LiveEventType, data };
  } catch {
    return undefined;
  }
}

/**
 * Publishes an event to every api replica's live clients of that tenant. Runs in the caller's
 * transaction when `em` is inside one, so it is delivered only if that commits. The database
 * triggers of the live_notify migration already cover bookings, availability, runs and messages;
 * this is for events no table change carries.
 */
export async function publishLiveEvent(em: EntityManager, notification: LiveNotification): Promise<void> {
  const payload = JSON.stringify(notification);
  if (Buffer.byteLength(payload) > maxLivePayloadBytes) throw new Error(`live event ${notification.type} is over ${maxLivePayloadBytes} bytes; send ids, not rows`);
  // em.execute runs inside em's transaction (getConnection().execute would not), so NOTIFY waits for its commit.
  await em.execute('select pg_notify(?, ?)', [liveChannel, payload]);
}
