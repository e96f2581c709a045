import type { DraftData } from '../types';

export function webhookSentence(data: DraftData<'webhook'>): string {
  const url = typeof data.url === 'string' && data.url ? data.url.replace(/^https?:\/\//, '') : 'a URL';
  return `Call ${data.method ?? 'POST'} ${url.length > 48 ? `${url.slice(0, 45)}…` : url}`;
}
