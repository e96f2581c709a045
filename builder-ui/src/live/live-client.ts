/** The live event types /api/live pushes (see api/services/live/events.ts). */
export type LiveEventType =
  | 'booking.created'
  | 'booking.updated'
  | 'booking.cancelled'
  | 'availability.changed'
  | 'execution.status'
  | 'message.status'
  | 'chat.message'
  | 'chat.read'
  | 'chat.typing'
  | 'presence.changed'
  | 'campaign.progress';

export interface LiveEvent {
  type: LiveEventType;
  at: string;
  data: Record<string, unknown>;
}

export type LiveStatus = 'connecting' | 'open' | 'closed';

/** What a client may send: keep-alive, the idle signal (staff), typing in a chat. */
export type LiveFrame = { type: 'ping' } | { type: 'presence'; state: 'online' | 'away' } | { type: 'typing'; customerId?: string };

export interface LiveClientOptions {
  url: string;
  token: string;
  onEvent(event: LiveEvent): void;
  onStatus?(status: LiveStatus): void;
  /** Called after a reconnect: events may have been missed while the socket was down. */
  onResync?(): void;
  /** The server closed for good (expired token, disabled account): do not reconnect. */
  onRejected?(code: number): void;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const subprotocol = 'appointflow-live';
const finalCodes = new Set([4001, 4003]);
/** Too many sockets for this user: retry, but only at the slowest pace. */
const tooManyCode = 4029;

/** The /api/live URL on this origin (proxied to the api in development). */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`;
}

/** Exponential backoff with equal jitter: half the step fixed, half random, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * A WebSocket to /api/live that keeps itself connected: the token travels as a subprotocol
 * (browsers cannot set headers), drops are retried with backoff and jitter, and it stops for
 * good on close() or when the server says the session is over.
 */
export class LiveClient {
  private socket: WebSocket | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private everOpened = false;
  private stopped = false;

  constructor(private readonly options: LiveClientOptions) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Sends a frame when the socket is open; false when it is not (the frame is dropped). */
  send(frame: LiveFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000, 'client closed');
    this.socket = undefined;
  }

  private connect(): void {
    if (this.stopped) return;
    this.options.onStatus?.('connecting');
    const socket = new WebSocket(this.options.url, [subprotocol, this.options.token]);
    this.socket = socket;
    socket.onmessage = (message) => {
      let event: LiveEvent | { type: 'live.ready' } | { type: 'pong' } | { type: 'error' };
      try {
        event = JSON.parse(String(message.data)) as LiveEvent | { type: 'live.ready' } | { type: 'pong' } | { type: 'error' };
      } catch {
        return;
      }
      if (event.type === 'live.ready') {
        this.attempt = 0;
        this.options.onStatus?.('open');
        if (this.everOpened) this.options.onResync?.();
        this.everOpened = true;
        return;
      }
      if (event.type === 'pong' || event.type === 'error') return;
      this.options.onEvent(event);
    };
    socket.onclose = (close) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.options.onStatus?.('closed');
      if (this.stopped) return;
      if (finalCodes.has(close.code)) {
        this.stopped = true;
        this.options.onRejected?.(close.code);
        return;
      }
      const maxDelay = this.options.maxDelayMs ?? 30_000;
      const delay = close.code === tooManyCode ? backoffDelay(0, maxDelay, maxDelay) : backoffDelay(this.attempt++, this.options.baseDelayMs ?? 1_000, maxDelay);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }
}
