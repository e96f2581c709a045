import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useSearchParams } from 'react-router-dom';
import { portalApi } from '../api/portal';
import { rememberedBusiness } from '../api/portal-token';
import { ErrorAlert } from '../components/Alert';
import { TextField } from '../components/Field';
import { Spinner } from '../components/Spinner';

/** Asks for a magic link by email. The business comes from `?business=`, else the last booking page visited. */
export function PortalSignIn() {
  const [params] = useSearchParams();
  const location = useLocation();
  const remembered = rememberedBusiness();
  const fromUrl = params.get('business');
  const [slug, setSlug] = useState(fromUrl ?? remembered?.slug ?? '');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const knownBusiness = Boolean(fromUrl ?? remembered);
  const here = location.pathname + location.search;
  const next = location.pathname !== '/portal' && location.pathname !== '/portal/' ? here : undefined;

  const send = useMutation({ mutationFn: () => portalApi.requestLink({ slug: slug.trim().toLowerCase(), email: email.trim(), ...(next ? { next } : {}) }) });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return setProblem('Enter the email address you booked with.');
    if (!slug.trim()) return setProblem('Enter the business’s booking page name.');
    setProblem(null);
    send.mutate();
  }

  return (
    <div className="portal-center">
      <div className="portal-card">
        <h1 className="portal-title">Your bookings</h1>
        <p className="muted portal-lead">
          {remembered && (!fromUrl || fromUrl === remembered.slug) ? `Sign in to manage your bookings at ${remembered.name}.` : 'Sign in to see, change or cancel your bookings.'} We’ll email you a link — no password needed.
        </p>
        {send.isSuccess ? (
          <div className="alert alert-success" role="status" data-testid="link-sent">
            <strong className="alert-title">Check your email</strong>
            {send.data.message}
          </div>
        ) : (
          <form className="form" onSubmit={submit} noValidate>
            {problem && <div className="alert alert-error" role="alert">{problem}</div>}
            {send.isError && <ErrorAlert error={send.error} />}
            <TextField label="Email" type="email" inputMode="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
            {!knownBusiness && (
              <TextField label="Business" value={slug} onChange={(e) => setSlug(e.target.value)} hint="The name at the end of its booking page address (…/book/name)" />
            )}
            <button type="submit" className="btn btn-primary btn-block btn-lg" disabled={send.isPending}>
              {send.isPending ? <Spinner size="sm" label="Sending" /> : 'Email me a sign-in link'}
            </button>
          </form>
        )}
        {send.isSuccess && (
          <button type="button" className="btn btn-ghost btn-block" onClick={() => send.reset()}>
            Use another address
          </button>
        )}
      </div>
    </div>
  );
}
