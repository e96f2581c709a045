import { templateName } from '../../forms/MessageFields';
import type { DraftData, NodeEnv } from '../types';

export function notifyStaffSentence(data: DraftData<'notifyStaff'>, env: NodeEnv): string {
  if (data.templateId) return `Notify staff: ${templateName(data.templateId, env)}`;
  if (typeof data.message === 'string' && data.message) {
    return `Notify staff: “${data.message.length > 60 ? `${data.message.slice(0, 57)}…` : data.message}”`;
  }
  return 'Notify staff: write the message';
}
