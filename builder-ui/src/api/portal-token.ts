const TOKEN_KEY = 'appointflow.portal.token';
const BUSINESS_KEY = 'appointflow.portal.business';

/** The customer session: its own key, never the staff token's. */
export function readPortalToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

const CHANGED = 'appointflow:portal-session';

export function writePortalToken(token: string): void {
  window.localStorage.setItem(TOKEN_KEY, token);
  window.dispatchEvent(new Event(CHANGED));
}

export function clearPortalToken(): void {
  window.localStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new Event(CHANGED));
}

/** Calls back when the customer session is stored or dropped (a 401 anywhere signs the portal out). */
export function onPortalTokenChange(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  return () => window.removeEventListener(CHANGED, listener);
}

/** The business whose page the visitor last booked on: the portal's sign-in needs its slug. */
export function rememberBusiness(slug: string, name: string): void {
  try {
    window.localStorage.setItem(BUSINESS_KEY, JSON.stringify({ slug, name }));
  } catch {
    // private mode: the sign-in page asks instead
  }
}

export function rememberedBusiness(): { slug: string; name: string } | null {
  try {
    const raw = window.localStorage.getItem(BUSINESS_KEY);
    const value = raw ? (JSON.parse(raw) as { slug?: unknown; name?: unknown }) : null;
    return value && typeof value.slug === 'string' ? { slug: value.slug, name: typeof value.name === 'string' ? value.name : value.slug } : null;
  } catch {
    return null;
  }
}
