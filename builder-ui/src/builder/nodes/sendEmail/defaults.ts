import type { DraftData } from '../types';

export const sendEmailDefaults = (): DraftData<'sendEmail'> => ({ templateId: '', attachIcs: false });
