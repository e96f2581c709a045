import type { MikroORM } from '@mikro-orm/postgresql';
import { renderTemplate } from '../../../activities/messaging/render';
import { publicUrlOf } from '../../../activities/messaging/providers';
import { MessageTemplate } from '../../../db/entities';
import type { AppConfig } from '../../../runtime/config';
import {
  type AutomationDefinition,
  defaultActionResult,
  type ScriptEvent,
  simulateTimeline,
  type SimulationEntry,
  type ValidationProblem,
} from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import type { SimulateInput } from '../../routes/automations.schema';
import { resolveRunContext } from '../run-context/resolve-context';
import { findAutomationOrThrow } from './find-automation';
import { invalidAutomation, validateForTenant } from './validate-for-tenant';

const CHANNEL = { sendSms: 'sms', sendWhatsApp: 'whatsapp', sendEmail: 'email' } as const;

export interface RenderedSend {
  channel: string;
  templateId: string;
  subject?: string;
  body: string;
  error?: string;
}

export interface SimulationBody {
  entries: Array<SimulationEntry & { rendered?: RenderedSend }>;
  path: string[];
  endedBy: { reason: string; nodeId: string; at: string; detail: string };
  context: { source: 'appointment' | 'sample' | 'given'; appointmentId?: string };
  /** Validation problems of the simulated definition (a definition with problems can still be simulated once it parses). */
  problems: ValidationProblem[];
}

function toScript(events: NonNullable<SimulateInput['events']>): ScriptEvent[] {
  return events.map((event): ScriptEvent => {
    switch (event.type) {
      case 'rescheduled':
        return { at: event.at, type: 'rescheduled', startsAt: event.startsAt as string };
      case 'cancelled':
        return { at: event.at, type: 'cancelled', ...(event.reason ? { reason: event.reason } : {}) };
      case 'reply':
        return { at: event.at, type: 'reply', body: event.body ?? '' };
      default:
        return { at: event.at, type: event.type };
    }
  });
}

/**
 * The simulator's timeline (workflows/dsl simulateTimeline, the interpreter's own step machine)
 * for the draft or a given definition, against a real appointment's context or a sample, with the
 * text each send would carry rendered from the business's templates at that moment of the run.
 */
export async function simulateAutomation(options: {
  ctx: RequestContext;
  orm: MikroORM;
  config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>;
  automationId: string;
  input: SimulateInput;
}): Promise<SimulationBody> {
  const { ctx, input } = options;
  const automation = await findAutomationOrThrow(ctx.em, options.automationId);
  const validation = await validateForTenant(ctx, input.definition ?? automation.draft);
  if (!validation.definition) throw invalidAutomation(validation.problems, 'The definition cannot be simulated: it');
  const definition: AutomationDefinition = validation.definition;
  const startAt = input.startAt ? new Date(input.startAt) : new Date();
  const resolved = await resolveRunContext(ctx, options.orm, {
    ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
    ...(input.context ? { context: input.context } : {}),
    triggerEvent: definition.trigger.event,
    at: startAt,
    preferRealAppointment: true,
  });

  const templates = new Map((await ctx.em.find(MessageTemplate, {})).map((t) => [t.key, t]));
  const publicUrl = publicUrlOf(options.config);
  const rendered = new Map<string, RenderedSend>();
  const timeline = simulateTimeline({
    definition,
    context: resolved.context,
    startAt: startAt.getTime(),
    events: toScript(input.events ?? []),
    ids: { workflowId: 'simulation', automationId: automation.id },
    actionResult: (decision, context) => {
      const channel = CHANNEL[decision.actionType as keyof typeof CHANNEL];
      if (channel) {
        const templateId = String(decision.input.templateId ?? '');
        const template = templates.get(templateId);
        let send: RenderedSend;
        if (!template) send = { channel, templateId, body: '', error: `Template "${templateId}" does not exist` };
        else {
          try {
            const out = renderTemplate(template, context, { publicUrl, variables: (decision.input.variables as Record<string, unknown>) ?? {} });
            send = { channel, templateId, ...(out.subject !== undefined ? { subject: out.subject } : {}), body: out.body };
          } catch (err) {
            send = { channel, templateId, body: '', error: (err as Error).message };
          }
        }
        rendered.set(decision.idempotencyKey, send);
      }
      return defaultActionResult(decision, context);
    },
  });

  return {
    entries: timeline.entries.map((entry) => {
      const send = entry.action ? rendered.get(entry.action.idempotencyKey) : undefined;
      return send ? { ...entry, rendered: send } : entry;
    }),
    path: timeline.path,
    endedBy: timeline.endedBy,
    context: { source: resolved.source, ...(resolved.appointmentId ? { appointmentId: resolved.appointmentId } : {}) },
    problems: validation.problems,
  };
}
