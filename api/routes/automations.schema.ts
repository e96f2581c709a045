import { automationStatuses } from '../../db/entities';
import { TRIGGER_EVENTS } from '../../workflows/dsl';
import { z } from '../zod';
import { isoDateTime, listQueryShape, timestamp } from './common.schema';

/**
 * A draft as the builder autosaves it: any JSON object with the definition's top-level shape.
 * Full validation happens at /validate and /publish, so a half-drawn graph can be saved.
 */
export const draftSchema = z
  .looseObject({
    schemaVersion: z.number().int().optional(),
    name: z.string().max(200).optional(),
    description: z.string().max(2000).optional(),
    trigger: z.looseObject({ event: z.string().max(60) }),
    nodes: z.array(z.looseObject({})).max(5000),
    edges: z.array(z.looseObject({})).max(10000),
  })
  .openapi('AutomationDraft', { description: 'The DSL JSON (workflows/dsl, docs/automation-dsl.md); validated in full at publish' });

const name = () => z.string().trim().min(1).max(200);
const description = () => z.string().trim().max(2000).nullish();

export const automationCreateSchema = z
  .strictObject({
    name: name(),
    description: description(),
    definition: draftSchema.optional(),
    fromTemplate: z.string().max(80).optional().openapi({ description: 'Key from GET /api/automations/templates' }),
  })
  .openapi('AutomationCreateInput');

export const automationUpdateSchema = z
  .strictObject({ name: name().optional(), description: description(), draft: draftSchema.optional() })
  .openapi('AutomationUpdateInput');

export const automationListQuery = z
  .strictObject({
    ...listQueryShape,
    status: z
      .enum([...automationStatuses, 'all'])
      .optional()
      .openapi({ description: 'One status, or all; by default every status but archived' }),
    triggerEvent: z.enum(TRIGGER_EVENTS).optional(),
  })
  .openapi('AutomationListQuery');

export const validateSchema = z.strictObject({ definition: z.unknown() }).openapi('ValidateAutomationInput');

const problem = z
  .object({
    code: z.string(),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    path: z.string().optional(),
  })
  .openapi('AutomationProblem');

export const validationResultSchema = z.object({ ok: z.boolean(), problems: z.array(problem) }).openapi('AutomationValidation');

export const automationStatsSchema = z.object({
  runsInFlight: z.number().int(),
  lastRunAt: timestamp().nullable(),
  failures7d: z.number().int(),
});

export const automationSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    triggerEvent: z.string(),
    status: z.enum(automationStatuses),
    publishedVersion: z.number().int().nullable(),
    publishedVersionId: z.uuid().nullable(),
    templateKey: z.string().nullable(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    stats: automationStatsSchema,
  })
  .openapi('AutomationSummary');

export const automationSchema = automationSummarySchema
  .extend({
    draft: draftSchema,
    /** True when the draft differs from the published version. */
    hasUnpublishedChanges: z.boolean(),
  })
  .openapi('Automation');

export const publishResultSchema = z
  .object({
    version: z.number().int(),
    automationVersionId: z.uuid(),
    publishedAt: timestamp(),
    warnings: z.array(z.string()),
  })
  .openapi('PublishResult');

export const versionSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    publishedAt: timestamp(),
    publishedByUserId: z.uuid().nullable(),
    definition: draftSchema,
  })
  .openapi('AutomationVersion');

export const versionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });

export const simulationEventSchema = z
  .strictObject({
    at: isoDateTime(),
    type: z.enum(['rescheduled', 'cancelled', 'reply', 'confirmed', 'checked_in', 'completed', 'no_show']),
    startsAt: isoDateTime().optional(),
    body: z.string().max(1600).optional(),
    reason: z.string().max(500).optional(),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'rescheduled' && !event.startsAt) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'A reschedule needs the new startsAt' });
    if (event.type === 'reply' && event.body === undefined) ctx.addIssue({ code: 'custom', path: ['body'], message: 'A reply needs the text the customer sent' });
  });

export const simulateSchema = z
  .strictObject({
    definition: z.unknown().optional().openapi({ description: 'Default: the saved draft' }),
    appointmentId: z.uuid().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
    startAt: isoDateTime().optional().openapi({ description: 'When the trigger fires; default now' }),
    events: z.array(simulationEventSchema).max(100).optional(),
  })
  .openapi('SimulateAutomationInput');

export const simulationResultSchema = z
  .object({
    entries: z.array(
      z.object({
        at: z.string(),
        nodeId: z.string(),
        type: z.string(),
        handle: z.string().optional(),
        skipped: z.boolean().optional(),
        action: z.record(z.string(), z.unknown()).optional(),
        path: z.array(z.string()),
        detail: z.string(),
        rendered: z
          .object({ channel: z.string(), templateId: z.string(), subject: z.string().optional(), body: z.string(), error: z.string().optional() })
          .optional(),
      }),
    ),
    path: z.array(z.string()),
    endedBy: z.object({ reason: z.string(), nodeId: z.string(), at: z.string(), detail: z.string() }),
    context: z.object({ source: z.enum(['appointment', 'sample', 'given']), appointmentId: z.uuid().optional() }),
    problems: z.array(problem),
  })
  .openapi('SimulationResult');

export const automationTemplateSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    triggerEvent: z.string(),
    essential: z.boolean(),
    definition: draftSchema,
  })
  .openapi('AutomationTemplate');

export const contextSchemaResult = z
  .object({
    paths: z.array(z.object({ path: z.string(), type: z.string(), description: z.string(), open: z.boolean().optional() })),
    triggerEvents: z.array(z.string()),
    runEvents: z.array(z.string()),
    nodeTypes: z.array(z.record(z.string(), z.unknown())),
    templateHelpers: z.array(z.string()),
    templates: z.array(z.object({ key: z.string(), name: z.string(), channel: z.string() })),
  })
  .openapi('AutomationContextSchema');

export type AutomationCreateInput = z.output<typeof automationCreateSchema>;
export type AutomationUpdateInput = z.output<typeof automationUpdateSchema>;
export type AutomationListQuery = z.output<typeof automationListQuery>;
export type SimulateInput = z.output<typeof simulateSchema>;
export type AutomationSummary = z.output<typeof automationSummarySchema>;
export type AutomationBody = z.output<typeof automationSchema>;
