import { buildUrl } from './client';
import { ApiError, errorFromBody } from './errors';

type Query = Record<string, string | number | boolean | undefined | null>;

export interface CustomerRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** multipart/form-data (a file upload); sent as is. */
  form?: FormData;
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Fetch for the customer-facing pages (booking page, portal). Never sends the staff token, so a
 * staff member who books for themselves in the same browser is treated as a customer.
 */
export async function customerRequest<T>(path: string, options: CustomerRequestOptions = {}): Promise<T> {
  const response = await customerFetch(path, options);
  const text = response.status === 204 ? '' : await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

/** The raw response (for downloads); throws ApiError like customerRequest when it is not 2xx. */
export async function customerDownload(path: string, options: CustomerRequestOptions = {}): Promise<Blob> {
  const response = await customerFetch(path, options);
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // not JSON
    }
    throw errorFromBody(response.status, body);
  }
  return response.blob();
}

async function customerFetch(path: string, options: CustomerRequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let payload: BodyInit | undefined;
  if (options.form) payload = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? (payload === undefined ? 'GET' : 'POST'),
      headers,
      body: payload,
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection and try again.');
  }
}

/** Saves a Blob as a file through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
