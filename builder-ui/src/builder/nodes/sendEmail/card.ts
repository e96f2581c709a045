import { templateName } from '../../forms/MessageFields';
import type { DraftData, NodeEnv } from '../types';

export const sendEmailSentence = (data: DraftData<'sendEmail'>, env: NodeEnv): string => `Send email: ${templateName(data.templateId, env)}`;
