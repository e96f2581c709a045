import { createContext, useContext } from 'react';
import type { Session } from '../api/types';

export type SignedOutReason = 'signed-out' | 'expired' | 'none';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; error: unknown }
  | { status: 'anonymous'; reason: SignedOutReason }
  | { status: 'signed-in'; session: Session };

export interface SessionContextValue {
  state: SessionState;
  /** Stores the token and loads the full session (`/api/auth/me`) unless it is given. */
  signIn(token: string, session?: Session): Promise<void>;
  /** Forgets the token; <RequireSession> then sends the visitor to the login page. */
  signOut(reason?: Exclude<SignedOutReason, 'none'>): void;
  /** Tries again to restore a session the server could not be asked about. */
  retry(): void;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSessionContext(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSessionContext must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for components rendered behind <RequireSession>. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useSession called without a signed-in session');
  return state.session;
}
