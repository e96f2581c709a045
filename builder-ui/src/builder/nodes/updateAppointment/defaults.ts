import type { DraftData } from '../types';

export const updateAppointmentDefaults = (): DraftData<'updateAppointment'> => ({ status: 'no_show' });
