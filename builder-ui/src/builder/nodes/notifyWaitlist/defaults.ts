import type { DraftData } from '../types';

export const notifyWaitlistDefaults = (): DraftData<'notifyWaitlist'> => ({ limit: 5 });
