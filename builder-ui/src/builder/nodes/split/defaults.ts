import type { DraftData } from '../types';

export const splitDefaults = (): DraftData<'split'> => ({
  variants: [
    { id: 'a', label: 'A', weight: 50 },
    { id: 'b', label: 'B', weight: 50 },
  ],
});
