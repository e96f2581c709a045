import { templateName } from '../../forms/MessageFields';
import type { DraftData, NodeEnv } from '../types';

export const sendWhatsAppSentence = (data: DraftData<'sendWhatsApp'>, env: NodeEnv): string => `Send WhatsApp: ${templateName(data.templateId, env)}`;
