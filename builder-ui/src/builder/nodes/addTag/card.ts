import type { DraftData } from '../types';

export const addTagSentence = (data: DraftData<'addTag'>): string => (data.tag ? `Tag the customer “${data.tag}”` : 'Tag the customer: choose a tag');
