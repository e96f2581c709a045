import { Automation } from '../../../db/entities';
import { TRIGGER_EVENTS } from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import type { AutomationBody, AutomationCreateInput, AutomationUpdateInput } from '../../routes/automations.schema';
import { createInTenant } from '../tenant-scope';
import { blankDefinition, catalogDefinition } from './blank-definition';
import { automationBody, findAutomationOrThrow } from './find-automation';

type Draft = Record<string, unknown>;

const triggerEventOf = (draft: Draft): string | undefined => {
  const event = (draft.trigger as { event?: unknown } | undefined)?.event;
  return typeof event === 'string' && (TRIGGER_EVENTS as readonly string[]).includes(event) ? event : undefined;
};

/** The draft carries the automation's name and description too (they are part of the DSL). */
function withIdentity(draft: Draft, name: string, description: string | null | undefined): Draft {
  const next: Draft = { ...draft, name: name.slice(0, 120) };
  if (description) next.description = description;
  else delete next.description;
  return next;
}

/** Creates a draft automation: blank, from a given definition, or from a seeded template. */
export async function createAutomation(ctx: RequestContext, input: AutomationCreateInput): Promise<AutomationBody> {
  let draft: Draft;
  if (input.definition) draft = input.definition as Draft;
  else if (input.fromTemplate) draft = await catalogDefinition(ctx, input.fromTemplate);
  else draft = blankDefinition(input.name, input.description);
  const description = input.description ?? (typeof draft.description === 'string' ? draft.description : undefined);
  draft = withIdentity(draft, input.name, description);
  const automation = createInTenant(ctx, Automation, {
    name: input.name,
    description: description ?? undefined,
    triggerEvent: triggerEventOf(draft) ?? 'appointment.booked',
    draft,
    ...(input.fromTemplate ? { templateKey: input.fromTemplate } : {}),
  });
  await ctx.em.flush();
  ctx.logger.info({ automationId: automation.id }, 'automation created');
  return automationBody(ctx, automation);
}

/**
 * Autosave: name, description and draft. The draft is stored as given (it may be half drawn).
 * An automation never published follows its draft's trigger; a published one keeps the trigger of
 * the version that runs until the next publish.
 */
export async function updateAutomation(ctx: RequestContext, id: string, input: AutomationUpdateInput): Promise<AutomationBody> {
  const automation = await findAutomationOrThrow(ctx.em, id);
  const given = input.draft as Draft | undefined;
  // A name or description edited inside the draft (the DSL carries them) renames the automation too.
  const draftName = typeof given?.name === 'string' && given.name.trim() !== '' ? given.name.trim() : undefined;
  const draftDescription = typeof given?.description === 'string' ? given.description : undefined;
  automation.name = input.name ?? draftName ?? automation.name;
  if (input.description !== undefined) automation.description = input.description ?? undefined;
  else if (draftDescription !== undefined) automation.description = draftDescription.trim() || undefined;
  const draft = withIdentity(given ?? automation.draft, automation.name, automation.description);
  automation.draft = draft;
  if (!automation.publishedVersionId) automation.triggerEvent = triggerEventOf(draft) ?? automation.triggerEvent;
  await ctx.em.flush();
  return automationBody(ctx, automation);
}

/** A new draft with the same graph, named "Copy of …"; never published, nothing runs. */
export async function duplicateAutomation(ctx: RequestContext, id: string): Promise<AutomationBody> {
  const source = await findAutomationOrThrow(ctx.em, id);
  const name = `Copy of ${source.name}`.slice(0, 200);
  const draft = withIdentity(structuredClone(source.draft), name, source.description);
  const copy = createInTenant(ctx, Automation, {
    name,
    description: source.description,
    triggerEvent: triggerEventOf(draft) ?? source.triggerEvent,
    draft,
  });
  await ctx.em.flush();
  ctx.logger.info({ automationId: copy.id, sourceId: source.id }, 'automation duplicated');
  return automationBody(ctx, copy);
}
