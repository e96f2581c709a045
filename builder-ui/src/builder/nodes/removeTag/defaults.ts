import type { DraftData } from '../types';

export const removeTagDefaults = (): DraftData<'removeTag'> => ({ tag: '' });
