import type { DraftData } from '../types';

export const waitForEventDefaults = (): DraftData<'waitForEvent'> => ({ events: ['message.received'], timeout: 'PT12H' });
