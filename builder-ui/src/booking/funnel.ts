import { useCallback, useMemo, useRef } from 'react';
import { publicApi, type FunnelStep } from '../api/public';

const storageKey = (slug: string) => `appointflow.funnel.${slug}`;

function newSessionId(): string {
  const random = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `bk-${random}`.slice(0, 64);
}

/** One funnel session per visit of the page in this tab (sessionStorage), restarted after a booking. */
export function funnelSessionId(slug: string, restart = false): string {
  try {
    const existing = restart ? null : window.sessionStorage.getItem(storageKey(slug));
    if (existing) return existing;
    const id = newSessionId();
    window.sessionStorage.setItem(storageKey(slug), id);
    return id;
  } catch {
    return newSessionId();
  }
}

/** Where the visitor came from: a utm_source, else the referring site. */
function sourceOf(): string | null {
  const utm = new URLSearchParams(window.location.search).get('utm_source');
  if (utm) return utm.slice(0, 200);
  try {
    return document.referrer ? new URL(document.referrer).host : null;
  } catch {
    return null;
  }
}

/**
 * Records the booking page's funnel steps (view, service_selected, slot_selected, form_completed)
 * for conversion analytics. Best effort: a failed record never gets in the visitor's way. The
 * `booked` step is recorded by the server with the booking itself.
 */
export function useFunnel(slug: string) {
  const session = useRef<string>(funnelSessionId(slug));
  const sent = useRef(new Set<string>());

  const record = useCallback(
    (step: Exclude<FunnelStep, 'booked'>, extra: { serviceId?: string | null; staffId?: string | null } = {}) => {
      const key = `${session.current}:${step}`;
      if (sent.current.has(key)) return;
      sent.current.add(key);
      publicApi.event(slug, { sessionId: session.current, step, ...extra, source: step === 'view' ? sourceOf() : null }).catch(() => sent.current.delete(key));
    },
    [slug],
  );

  const restart = useCallback(() => {
    session.current = funnelSessionId(slug, true);
  }, [slug]);

  return useMemo(() => ({ sessionId: () => session.current, record, restart }), [record, restart]);
}
