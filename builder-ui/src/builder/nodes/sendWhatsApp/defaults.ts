import type { DraftData } from '../types';

export const sendWhatsAppDefaults = (): DraftData<'sendWhatsApp'> => ({ templateId: '' });
