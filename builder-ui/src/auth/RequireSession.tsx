import type { ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../components/Alert';
import { FullPageSpinner } from '../components/Spinner';
import { useSessionContext, type SessionState } from './session-context';

export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSessionContext();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpinner label="Restoring your session" />;
  if (state.status === 'unreachable') return <SessionUnreachable error={state.error} />;
  if (state.status === 'anonymous') return <Navigate to={loginPath(state.reason, location.pathname + location.search)} replace />;
  return <>{children}</>;
}

function loginPath(reason: Extract<SessionState, { status: 'anonymous' }>['reason'], here: string): string {
  const params = new URLSearchParams();
  if (reason === 'expired') params.set('expired', '1');
  if (reason !== 'signed-out' && here !== '/') params.set('next', here);
  const qs = params.toString();
  return qs ? `/login?${qs}` : '/login';
}

function SessionUnreachable({ error }: { error: unknown }) {
  const { retry, signOut } = useSessionContext();
  return (
    <div className="full-page-center">
      <div className="auth-card">
        <h1 className="auth-title">Cannot load your workspace</h1>
        <p className="auth-subtitle">Your session is kept; this is usually a brief interruption.</p>
        <ErrorAlert error={error} />
        <div className="form-actions">
          <button type="button" className="btn btn-ghost" onClick={() => signOut()}>
            Sign out
          </button>
          <button type="button" className="btn btn-primary" onClick={retry}>
            Try again
          </button>
        </div>
      </div>
    </div>
  );
}

/** Sends a signed-in visitor away from the login and signup pages, back to where they were headed. */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const { state } = useSessionContext();
  const [params] = useSearchParams();
  if (state.status === 'loading') return <FullPageSpinner label="Restoring your session" />;
  if (state.status === 'signed-in') return <Navigate to={safeNext(params.get('next'))} replace />;
  return <>{children}</>;
}

/** Only same-app paths are followed, so a crafted `next` cannot send anyone to another site. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/dashboard';
  return next;
}
