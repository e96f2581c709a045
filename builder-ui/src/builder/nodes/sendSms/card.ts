import { templateName } from '../../forms/MessageFields';
import type { DraftData, NodeEnv } from '../types';

export const sendSmsSentence = (data: DraftData<'sendSms'>, env: NodeEnv): string => `Send SMS: ${templateName(data.templateId, env)}`;
