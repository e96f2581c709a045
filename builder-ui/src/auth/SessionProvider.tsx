import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { authApi } from '../api/auth';
import { setUnauthorizedHandler } from '../api/client';
import { ApiError } from '../api/errors';
import { clearToken, readToken, writeToken } from '../api/token';
import type { Session } from '../api/types';
import { SessionContext, type SessionContextValue, type SessionState } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    readToken() ? { status: 'loading' } : { status: 'anonymous', reason: 'none' },
  );
  const queryClient = useQueryClient();

  const signOut = useCallback<SessionContextValue['signOut']>(
    (reason = 'signed-out') => {
      clearToken();
      queryClient.clear();
      setState({ status: 'anonymous', reason });
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => signOut('expired'));
    return () => setUnauthorizedHandler(null);
  }, [signOut]);

  useEffect(() => {
    if (state.status !== 'loading') return;
    const controller = new AbortController();
    authApi
      .me(controller.signal)
      .then((session) => setState({ status: 'signed-in', session }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        // A refused token has already signed us out (401 handler); anything else may pass, so the token is kept.
        if (error instanceof ApiError && error.status === 401) return;
        setState({ status: 'unreachable', error });
      });
    return () => controller.abort();
  }, [state.status]);

  const signIn = useCallback<SessionContextValue['signIn']>(
    async (token, session) => {
      writeToken(token);
      queryClient.clear();
      const full: Session = session ?? (await authApi.me());
      setState({ status: 'signed-in', session: full });
    },
    [queryClient],
  );

  const retry = useCallback(() => setState({ status: 'loading' }), []);

  const value = useMemo<SessionContextValue>(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
