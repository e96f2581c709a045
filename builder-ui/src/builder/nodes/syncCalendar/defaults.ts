import type { DraftData } from '../types';

export const syncCalendarDefaults = (): DraftData<'syncCalendar'> => ({ operation: 'upsert' });
