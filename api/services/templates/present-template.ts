import type { MessageTemplate } from '../../../db/entities';

export interface TemplateBody {
  id: string;
  key: string;
  name: string;
  channel: MessageTemplate['channel'];
  subject: string | null;
  body: string;
  whatsappContentSid: string | null;
  system: boolean;
  createdAt: string;
  updatedAt: string;
}

export function presentTemplate(t: MessageTemplate): TemplateBody {
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    channel: t.channel,
    subject: t.subject ?? null,
    body: t.body,
    whatsappContentSid: t.whatsappContentSid ?? null,
    system: t.system,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}
