import type { DraftData } from '../types';

export const setVariableDefaults = (): DraftData<'setVariable'> => ({ name: 'nudged', value: true });
