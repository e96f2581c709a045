import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Route, Routes } from 'react-router-dom';
import { onPortalTokenChange, readPortalToken } from '../api/portal-token';
import { PortalLoginPage } from './PortalLoginPage';
import { PortalShell } from './PortalShell';
import { PortalSignIn } from './PortalSignIn';

/** The customer portal, `/portal/*`: its own sign-in (magic link) and session, apart from staff auth. */
export function PortalApp() {
  const [token, setToken] = useState(readPortalToken);
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onPortalTokenChange(() => {
        const next = readPortalToken();
        setToken(next);
        if (!next) queryClient.removeQueries({ queryKey: ['portal'] });
      }),
    [queryClient],
  );
  return (
    <div className="portal">
      <Routes>
        <Route path="login" element={<PortalLoginPage />} />
        <Route path="*" element={token ? <PortalShell /> : <PortalSignIn />} />
      </Routes>
    </div>
  );
}
