import type { DraftData } from '../types';

export const webhookDefaults = (): DraftData<'webhook'> => ({ url: 'https://', method: 'POST', body: { appointmentId: '{{appointment.id}}' } });
