import type { DraftData } from '../types';

export const notifyStaffDefaults = (): DraftData<'notifyStaff'> => ({ message: '{{customer.name}} needs attention: {{service.name}} on {{formatDateTime appointment.startsAt}}', channel: 'live' });
