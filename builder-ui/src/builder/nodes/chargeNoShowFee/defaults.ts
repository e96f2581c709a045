import type { DraftData } from '../types';

export const chargeNoShowFeeDefaults = (): DraftData<'chargeNoShowFee'> => ({ mode: 'fixed', amountsCents: [2500] });
