import type { DraftData } from '../types';

export const syncCalendarSentence = (data: DraftData<'syncCalendar'>): string =>
  data.operation === 'delete' ? "Remove the appointment from staff calendars" : 'Put the appointment on staff calendars';
