import type { DraftData } from '../types';

export const removeTagSentence = (data: DraftData<'removeTag'>): string => (data.tag ? `Remove the tag “${data.tag}”` : 'Remove the tag: choose a tag');
