import type { DraftData } from '../types';

export const notifyWaitlistSentence = (data: DraftData<'notifyWaitlist'>): string =>
  `Offer the freed slot to the waitlist${typeof data.limit === 'number' ? ` (up to ${data.limit})` : ''}`;
