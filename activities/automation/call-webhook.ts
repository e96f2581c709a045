import { ApplicationFailure } from '@temporalio/common';
import { renderTemplate } from '../messaging/render';
import type { ActionOutcome } from './action-outcome';
import { actionFailure } from './errors';

export interface CallWebhookInput {
  idempotencyKey: string;
  /** May hold {{path}} placeholders over the context. */
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** JSON; string values may hold {{path}} placeholders. */
  body?: unknown;
  context: Record<string, unknown>;
}

export const WEBHOOK_TIMEOUT_MS = 10_000;
const RESPONSE_KEPT = 2000;

function render(text: string, context: Record<string, unknown>): string {
  return text.includes('{{') ? renderTemplate({ channel: 'email', body: text }, context).body : text;
}

function renderJson(value: unknown, context: Record<string, unknown>): unknown {
  if (typeof value === 'string') return render(value, context);
  if (Array.isArray(value)) return value.map((item) => renderJson(item, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderJson(item, context)]));
  }
  return value;
}

/**
 * Calls an owner's webhook with an `Idempotency-Key` header (the same on every retry) and a
 * timeout. 408, 429, 5xx and network errors are retried by the workflow's policy; any other
 * non-2xx answer is final and recorded on the step.
 */
export function createCallWebhookActivity(deps: { fetch?: typeof fetch; timeoutMs?: number } = {}) {
  const doFetch = deps.fetch ?? fetch;
  return async function callWebhook(input: CallWebhookInput): Promise<ActionOutcome> {
    const url = render(input.url, input.context);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw actionFailure('WebhookRejected', `"${url}" is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw actionFailure('WebhookRejected', `${parsed.protocol} URLs are not called`);
    const headers: Record<string, string> = { 'user-agent': 'Appointflow-Webhooks/1', 'idempotency-key': input.idempotencyKey };
    for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = render(value, input.context);
    const hasBody = input.method !== 'GET' && input.method !== 'DELETE' && input.body !== undefined;
    if (hasBody) headers['content-type'] ??= 'application/json';
    const started = Date.now();
    let response: Response;
    try {
      response = await doFetch(parsed, {
        method: input.method,
        headers,
        body: hasBody ? JSON.stringify(renderJson(input.body, input.context)) : undefined,
        signal: AbortSignal.timeout(deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
        redirect: 'manual',
      });
    } catch (err) {
      throw ApplicationFailure.retryable(`webhook ${parsed.host} unreachable: ${(err as Error).message}`, 'WebhookUnavailable');
    }
    const text = (await response.text().catch(() => '')).slice(0, RESPONSE_KEPT);
    const output = { url: parsed.origin + parsed.pathname, status: response.status, ms: Date.now() - started, response: text };
    if (response.ok) return { status: 'ok', detail: `HTTP ${response.status}`, output };
    if (response.status === 408 || response.status === 429 || response.status >= 500) {
      throw ApplicationFailure.retryable(`webhook answered HTTP ${response.status}`, 'WebhookUnavailable', output);
    }
    throw actionFailure('WebhookRejected', `webhook answered HTTP ${response.status}`, output);
  };
}
