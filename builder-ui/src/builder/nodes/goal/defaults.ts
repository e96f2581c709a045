import type { DraftData } from '../types';

export const goalDefaults = (): DraftData<'goal'> => ({ rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } });
