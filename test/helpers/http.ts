import { randomBytes } from 'node:crypto';

/** Tests read response bodies ad hoc (`res.body.error.code`), so bodies default to `any`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface ApiResponse<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent as is (for malformed or oversized bodies); otherwise `body` is JSON-encoded. */
  rawBody?: string;
}

/** A tiny fetch wrapper for api tests: JSON in, JSON out, never throws on 4xx/5xx. */
export function apiClient(baseUrl: string, defaultToken?: string) {
  async function call<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const token = options.token ?? defaultToken;
    const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers };
    let payload: string | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  return {
    get: <T = Loose>(path: string, options?: RequestOptions) => call<T>('GET', path, undefined, options),
    post: <T = Loose>(path: string, body?: unknown, options?: RequestOptions) => call<T>('POST', path, body, options),
    patch: <T = Loose>(path: string, body?: unknown, options?: RequestOptions) => call<T>('PATCH', path, body, options),
    delete: <T = Loose>(path: string, options?: RequestOptions) => call<T>('DELETE', path, undefined, options),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

export interface SignedUp {
  token: string;
  tenant: { id: string; slug: string; name: string; timezone: string };
  user: { id: string; role: string; email: string; name: string };
  email: string;
  password: string;
  api: ApiClient;
}

/** Signs up a fresh business (unique email) and returns its owner's token and an api client using it. */
export async function signup(
  baseUrl: string,
  overrides: Partial<{ businessName: string; email: string; password: string; timezone: string }> = {},
): Promise<SignedUp> {
  const suffix = randomBytes(4).toString('hex');
  const input = {
    businessName: `Test Grooming ${suffix}`,
    email: `owner-${suffix}@example.com`,
    password: 'Correct-Horse-Battery-42',
    timezone: 'America/New_York',
    ...overrides,
  };
  const res = await apiClient(baseUrl).post('/api/auth/signup', input);
  if (res.status !== 201) throw new Error(`signup answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { ...res.body, email: input.email, password: input.password, api: apiClient(baseUrl, res.body.token) };
}

/** Adds a staff (or admin) sign-in to the business of `owner` and returns its api client. */
export async function addUser(baseUrl: string, owner: SignedUp, role: 'staff' | 'admin' = 'staff') {
  const suffix = randomBytes(4).toString('hex');
  const input = { email: `${role}-${suffix}@example.com`, name: `${role} ${suffix}`, password: 'Another-Good-Passw0rd', role };
  const created = await owner.api.post('/api/auth/users', input);
  if (created.status !== 201) throw new Error(`creating a ${role} answered ${created.status}: ${JSON.stringify(created.body)}`);
  const login = await apiClient(baseUrl).post('/api/auth/login', { email: input.email, password: input.password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  return { user: created.body, token: login.body.token as string, api: apiClient(baseUrl, login.body.token) };
}
