import type { DraftData } from '../types';

export const addTagDefaults = (): DraftData<'addTag'> => ({ tag: '' });
