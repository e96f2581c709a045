import type { DraftData } from '../types';

export const conditionDefaults = (): DraftData<'condition'> => ({ rule: { '==': [{ var: 'customer.smsOptIn' }, true] } });
