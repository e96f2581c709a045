import type { DraftData } from '../types';

export const PROVIDERS: Record<string, string> = { google_meet: 'Google Meet', teams: 'Microsoft Teams', zoom: 'Zoom' };

export const createMeetingSentence = (data: DraftData<'createMeeting'>): string =>
  `Create a ${data.provider ? PROVIDERS[data.provider] ?? data.provider : 'video'} meeting link`;
