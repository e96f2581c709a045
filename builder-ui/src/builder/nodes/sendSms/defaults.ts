import type { DraftData } from '../types';

/** No template yet: the form asks for one, and the card shows the problem until then. */
export const sendSmsDefaults = (): DraftData<'sendSms'> => ({ templateId: '' });
