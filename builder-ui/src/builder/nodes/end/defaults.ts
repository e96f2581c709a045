import type { DraftData } from '../types';

export const endDefaults = (): DraftData<'end'> => ({});
