import type { DraftData } from '../types';

export const adjustReputationDefaults = (): DraftData<'adjustReputation'> => ({ delta: -20, reason: 'no-show' });
