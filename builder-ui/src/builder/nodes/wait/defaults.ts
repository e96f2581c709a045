import type { DraftData } from '../types';

export const waitDefaults = (): DraftData<'wait'> => ({ until: { anchor: 'appointment.startsAt', offset: '-PT24H' }, ifPast: 'skip' });
