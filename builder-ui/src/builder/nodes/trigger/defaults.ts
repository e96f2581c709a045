import type { DraftData } from '../types';

export const triggerDefaults = (): DraftData<'trigger'> => ({});
