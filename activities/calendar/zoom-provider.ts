import { CalendarProviderError, kindForStatus } from './errors';

/**
 * Zoom meetings through the REST API with a server-to-server OAuth app of the business
 * (account credentials grant). Zoom has no idempotency key, so every meeting carries a marker
 * with the appointment id in its agenda and a create first looks for a meeting with that
 * marker: a retried or replayed create finds the first meeting instead of making a second.
 */

export interface ZoomCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

export interface ZoomProviderOptions {
  credentials: ZoomCredentials;
  /** https://api.zoom.us/v2 */
  apiUrl: string;
  /** https://zoom.us/oauth/token */
  oauthUrl: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface ZoomMeetingInput {
  appointmentId: string;
  topic: string;
  startsAt: Date;
  durationMinutes: number;
  timezone: string;
}

export interface ZoomMeeting {
  id: string;
  joinUrl: string;
}

interface ZoomMeetingBody {
  id?: number | string;
  join_url?: string;
  agenda?: string;
}

export function zoomMarker(appointmentId: string): string {
  return `[appointflow:${appointmentId}]`;
}

export class ZoomProvider {
  private token?: { value: string; expiresAt: number };
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: ZoomProviderOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  private async accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expiresAt - 60_000 > this.now()) return this.token.value;
    const { accountId, clientId, clientSecret } = this.options.credentials;
    const url = new URL(this.options.oauthUrl);
    url.searchParams.set('grant_type', 'account_credentials');
    url.searchParams.set('account_id', accountId);
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, accept: 'application/json' },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new CalendarProviderError('zoom', 'transient', `zoom token: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; reason?: unknown; error?: unknown };
    if (!res.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.reason === 'string' ? body.reason : typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
      const kind = res.status === 400 || res.status === 401 ? 'auth_revoked' : kindForStatus(res.status);
      throw new CalendarProviderError('zoom', kind, `zoom token: ${reason}`, res.status);
    }
    this.token = { value: body.access_token, expiresAt: this.now() + (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000 };
    return this.token.value;
  }

  /** One API call; a 401 gets a fresh token and one retry. */
  private async request<T>(what: string, method: string, path: string, body?: unknown): Promise<{ status: number; data: T | undefined }> {
    const send = async (token: string) => {
      try {
        return await this.fetchImpl(`${this.options.apiUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(20_000),
        });
      } catch (err) {
        throw new CalendarProviderError('zoom', 'transient', `zoom ${what}: ${(err as Error).message}`);
      }
    };
    let res = await send(await this.accessToken());
    if (res.status === 401) res = await send(await this.accessToken(true));
    const text = await res.text();
    const data = text ? (JSON.parse(text) as T & { message?: string }) : undefined;
    if (!res.ok) {
      const message = (data as { message?: string } | undefined)?.message ?? `HTTP ${res.status}`;
      throw new CalendarProviderError('zoom', kindForStatus(res.status), `zoom ${what}: ${res.status} ${message}`, res.status);
    }
    return { status: res.status, data };
  }

  private body(input: ZoomMeetingInput) {
    return {
      topic: input.topic.slice(0, 200),
      type: 2,
      start_time: input.startsAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      duration: input.durationMinutes,
      timezone: input.timezone,
      agenda: zoomMarker(input.appointmentId),
      settings: { join_before_host: false, waiting_room: true },
    };
  }

  private async findByMarker(appointmentId: string): Promise<ZoomMeeting | undefined> {
    const marker = zoomMarker(appointmentId);
    const { data } = await this.request<{ meetings?: ZoomMeetingBody[] }>('list meetings', 'GET', '/users/me/meetings?type=upcoming&page_size=300');
    const found = data?.meetings?.find((m) => m.agenda?.includes(marker));
    return found?.id !== undefined && found.join_url ? { id: String(found.id), joinUrl: found.join_url } : undefined;
  }

  async createMeeting(input: ZoomMeetingInput): Promise<ZoomMeeting> {
    const existing = await this.findByMarker(input.appointmentId);
    if (existing) {
      await this.updateMeeting(existing.id, input);
      return existing;
    }
    const { data } = await this.request<ZoomMeetingBody>('create meeting', 'POST', '/users/me/meetings', this.body(input));
    if (data?.id === undefined || !data.join_url) throw new CalendarProviderError('zoom', 'transient', 'zoom create meeting: no id or join_url');
    return { id: String(data.id), joinUrl: data.join_url };
  }

  async updateMeeting(id: string, input: ZoomMeetingInput): Promise<void> {
    await this.request('update meeting', 'PATCH', `/meetings/${encodeURIComponent(id)}`, this.body(input));
  }

  /** A meeting already gone counts as deleted. */
  async deleteMeeting(id: string): Promise<void> {
    try {
      await this.request('delete meeting', 'DELETE', `/meetings/${encodeURIComponent(id)}`);
    } catch (err) {
      if (err instanceof CalendarProviderError && err.kind === 'not_found') return;
      throw err;
    }
  }
}
