import { CALLBACK_PATHS, type CalendarEnv } from '../../../activities/calendar/calendar-env';
import type { CalendarProviderName } from '../../../activities/calendar/types';
import { Staff } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { signConnectState } from './oauth-state';

export interface StartConnectInput {
  provider: CalendarProviderName;
  /** A staff member's own calendar; absent: the business calendar (owner/admin only). */
  staffId?: string;
}

/** The redirect URI registered with Google / Microsoft: PUBLIC_URL (or the listening URL) + the callback path. */
export function redirectUri(baseUrl: string, provider: CalendarProviderName): string {
  return `${baseUrl.replace(/\/+$/, '')}${CALLBACK_PATHS.oauth(provider)}`;
}

/**
 * The consent URL to send the browser to. Staff may connect only their own calendar; owners and
 * admins any staff member's or the business calendar. The `state` is signed and names the tenant,
 * user and staff member, so the callback needs no session.
 */
export async function startCalendarConnect(options: { ctx: RequestContext; env: CalendarEnv; secret: Uint8Array; baseUrl: string; input: StartConnectInput }): Promise<{ authorizationUrl: string }> {
  const { ctx, env, input } = options;
  const client = env.clients[input.provider];
  if (!client) {
    const prefix = input.provider === 'google' ? 'GOOGLE' : 'MICROSOFT';
    throw new AppError('INVALID_STATE', `${input.provider === 'google' ? 'Google Calendar' : 'Microsoft 365'} is not configured on this server: set ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET`);
  }
  if (!env.cipher) throw new AppError('INVALID_STATE', 'Calendar connections need ENCRYPTION_KEY (32 bytes, base64) to store tokens encrypted');
  const manager = ctx.user.role === 'owner' || ctx.user.role === 'admin';
  if (!input.staffId && !manager) throw new AppError('FORBIDDEN', 'Only owners and admins connect the business calendar');
  if (input.staffId) {
    const staff = await ctx.em.findOne(Staff, { id: input.staffId });
    if (!staff) throw new AppError('INVALID_REFERENCE', `staffId ${input.staffId} does not exist`, [{ path: 'staffId', message: 'No such staff member' }]);
    if (!manager && ctx.user.staffId !== staff.id) throw new AppError('FORBIDDEN', 'Staff members connect only their own calendar');
  }
  const state = await signConnectState(options.secret, { tenantId: ctx.tenantId, userId: ctx.user.id, provider: input.provider, ...(input.staffId ? { staffId: input.staffId } : {}) });
  const url = new URL(client.authUrl);
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', redirectUri(options.baseUrl, input.provider));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', client.scope);
  url.searchParams.set('state', state);
  if (input.provider === 'google') {
    // A refresh token every time, even for an account that consented before.
    url.searchParams.set('access_type', 'offline');
    url.searchParams.set('prompt', 'consent');
    url.searchParams.set('include_granted_scopes', 'true');
  } else {
    url.searchParams.set('response_mode', 'query');
    url.searchParams.set('prompt', 'select_account');
  }
  return { authorizationUrl: url.toString() };
}
