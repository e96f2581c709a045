import type { DraftData } from '../types';

export const createMeetingDefaults = (): DraftData<'createMeeting'> => ({ provider: 'google_meet' });
