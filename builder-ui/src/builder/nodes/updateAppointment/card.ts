import type { DraftData } from '../types';

const STATUS_WORDS: Record<string, string> = {
  pending: 'pending',
  confirmed: 'confirmed',
  checked_in: 'checked in',
  completed: 'completed',
  cancelled: 'cancelled',
  no_show: 'a no-show',
};

export const updateAppointmentSentence = (data: DraftData<'updateAppointment'>): string =>
  data.status ? `Mark the appointment ${STATUS_WORDS[data.status] ?? data.status}` : 'Update the appointment: choose a status';
