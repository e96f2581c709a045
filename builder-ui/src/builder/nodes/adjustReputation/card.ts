import type { DraftData } from '../types';

export function adjustReputationSentence(data: DraftData<'adjustReputation'>): string {
  const delta = typeof data.delta === 'number' ? data.delta : 0;
  const why = data.reason ? ` (${data.reason})` : '';
  if (delta === 0) return 'Adjust reputation: set the change';
  return `${delta < 0 ? 'Lower' : 'Raise'} the customer's reputation by ${Math.abs(delta)}${why}`;
}
