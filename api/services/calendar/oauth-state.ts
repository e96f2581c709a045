import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { CalendarProviderName } from '../../../activities/calendar/types';
import { AppError } from '../../errors';

const issuer = 'appointflow';
const audience = 'appointflow-calendar-connect';

/** What the OAuth `state` carries through the consent screen: who asked, for which calendar. */
export interface ConnectState {
  tenantId: string;
  userId: string;
  provider: CalendarProviderName;
  /** Absent: the business calendar. */
  staffId?: string;
}

/** A signed, short-lived (10 min) `state`: the callback trusts nothing else the browser brings back. */
export function signConnectState(secret: Uint8Array, state: ConnectState): Promise<string> {
  return new SignJWT({ tid: state.tenantId, prv: state.provider, ...(state.staffId ? { sid: state.staffId } : {}), n: randomBytes(9).toString('base64url') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(state.userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(secret);
}

export async function verifyConnectState(secret: Uint8Array, token: string, provider: CalendarProviderName): Promise<ConnectState> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer, audience });
    if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string' || payload.prv !== provider) throw new Error('claims');
    return { tenantId: payload.tid, userId: payload.sub, provider, ...(typeof payload.sid === 'string' ? { staffId: payload.sid } : {}) };
  } catch {
    throw new AppError('FORBIDDEN', 'The calendar connection link is invalid or has expired: start again from Settings → Calendars');
  }
}
