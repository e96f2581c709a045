import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { portalApi } from '../api/portal';
import { rememberedBusiness, writePortalToken } from '../api/portal-token';
import { ErrorAlert } from '../components/Alert';
import { Spinner } from '../components/Spinner';

/** A link works once: the same token is never sent twice, even when React mounts the page twice. */
const redeeming = new Map<string, Promise<{ token: string }>>();

/** Only portal paths are followed, so a crafted `next` cannot send anyone elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith('/portal') && !next.startsWith('/portal/login') && !next.includes('//') ? next : '/portal');

/** `/portal/login?token=…`: trades the emailed link for a customer session. */
export function PortalLoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!token) return;
    let pending = redeeming.get(token);
    if (!pending) {
      pending = portalApi.redeem(token);
      redeeming.set(token, pending);
    }
    let live = true;
    pending.then(
      (session) => {
        if (!live) return;
        writePortalToken(session.token);
        navigate(next, { replace: true });
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token, next, navigate]);

  const business = rememberedBusiness();
  return (
    <div className="portal-center">
      <div className="portal-card">
        {!token || error ? (
          <>
            <h1 className="portal-title">This sign-in link does not work</h1>
            {error ? <ErrorAlert error={error} /> : <p className="muted">The link is incomplete. Copy the whole link from the email, or ask for a new one.</p>}
            <Link className="btn btn-primary btn-block btn-lg" to={business ? `/portal?business=${encodeURIComponent(business.slug)}` : '/portal'}>
              Get a new link
            </Link>
          </>
        ) : (
          <div className="center page-loading">
            <Spinner label="Signing you in" />
          </div>
        )}
      </div>
    </div>
  );
}
