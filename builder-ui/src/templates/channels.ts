import type { TemplateChannel } from '../api/message-templates';

export const CHANNEL_LABELS: Record<TemplateChannel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' };
