import type { MessageTemplate, SimulateResponse, TimelineEntry, WhatIfEvent } from '../../api/automation-types';
import { readContextPath, simulateTimeline, type AutomationDefinition, type ScriptEvent } from '../../automation/dsl';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.[\]]+)\s*\}\}/g;

/** Plain `{{path}}` substitution for offline previews (helpers are left as written). */
export function renderPlain(text: string, context: unknown): string {
  return text.replace(PLACEHOLDER, (whole, path: string) => {
    const value = readContextPath(context, path);
    return value === undefined || value === null ? whole : String(value);
  });
}

const CHANNELS: Record<string, MessageTemplate['channel']> = { sendSms: 'sms', sendWhatsApp: 'whatsapp', sendEmail: 'email' };

/** The same step machine as the server, run in the browser when the server cannot be asked. */
export function simulateInBrowser(input: {
  definition: AutomationDefinition;
  context: Record<string, unknown>;
  startAt: string;
  events: WhatIfEvent[];
  templates: MessageTemplate[];
}): SimulateResponse {
  const events: ScriptEvent[] = input.events.map((e) => {
    if (e.type === 'rescheduled') return { at: e.at, type: 'rescheduled', startsAt: e.startsAt ?? e.at };
    if (e.type === 'reply') return { at: e.at, type: 'reply', body: e.body ?? '' };
    if (e.type === 'cancelled') return { at: e.at, type: 'cancelled' };
    return { at: e.at, type: e.type };
  });
  const result = simulateTimeline({
    definition: input.definition,
    context: input.context as Parameters<typeof simulateTimeline>[0]['context'],
    startAt: input.startAt,
    events,
  });
  const entries: TimelineEntry[] = result.entries.map((entry) => {
    const out: TimelineEntry = { ...entry };
    const channel = entry.action ? CHANNELS[entry.action.type] : undefined;
    const templateId = entry.action?.input.templateId;
    const template = typeof templateId === 'string' ? input.templates.find((t) => t.key === templateId) : undefined;
    if (channel && template) {
      out.rendered = {
        channel,
        body: renderPlain(template.body, input.context),
        ...(template.subject ? { subject: renderPlain(template.subject, input.context) } : {}),
      };
    }
    return out;
  });
  return { entries, path: result.path, endedBy: result.endedBy };
}
