import { z } from 'zod';
import { nominalMs, parseIsoDuration } from './duration';
import { checkRule } from './logic';
import { TIME_ANCHOR_PATHS } from './context';

/** Any signed ISO-8601 duration ("PT2H", "-PT24H", "P30D"). */
export const isoDurationSchema = z
  .string()
  .refine((text) => parseIsoDuration(text) !== null, {
    message: 'Must be an ISO-8601 duration such as PT2H, -PT24H or P30D',
    params: { code: 'BAD_DURATION' },
  });

/** A strictly positive ISO-8601 duration (a wait length, a timeout). */
export const positiveDurationSchema = isoDurationSchema.refine(
  (text) => {
    const parsed = parseIsoDuration(text);
    return parsed === null || nominalMs(parsed) > 0;
  },
  { message: 'Must be a positive duration', params: { code: 'BAD_DURATION' } },
);

/** A JSON Logic rule over the context; operators and `var`s are checked for safety. */
export const jsonLogicSchema = z.unknown().superRefine((rule, ctx) => {
  if (rule === undefined) {
    ctx.addIssue({ code: 'custom', message: 'A rule is required', params: { code: 'BAD_RULE' } });
    return;
  }
  for (const problem of checkRule(rule)) {
    ctx.addIssue({ code: 'custom', message: `Invalid JSON Logic rule: ${problem}`, params: { code: 'BAD_RULE' } });
  }
});

/** A context path holding a time ("appointment.startsAt", "vaccination.expiresAt", "vars.followUpAt"). */
export const anchorPathSchema = z
  .string()
  .min(1)
  .refine((path) => TIME_ANCHOR_PATHS.includes(path) || /^vars\.[A-Za-z_]\w*$/.test(path) || /^(event|lastEvent)\.data\.[\w.]+$/.test(path), {
    message: 'Must be a time in the context, e.g. appointment.startsAt, vaccination.expiresAt or vars.<name>',
    params: { code: 'BAD_ANCHOR' },
  });

/** A time relative to a time in the context: anchor + offset. */
export const anchorSchema = z.strictObject({
  anchor: anchorPathSchema,
  offset: isoDurationSchema.optional(),
});

/** What a wait does when its time has already passed when it is entered or re-resolved. */
export const ifPastSchema = z.enum(['continue', 'skip']);

export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Must be a 24-hour local time HH:mm, e.g. 09:00' });

export const templateIdSchema = z.string().trim().min(1, { message: 'Choose a template' }).max(200);

/**
 * Extra template variables: name → literal, `{{path}}` string, or JSON Logic expression
 * evaluated against the context when the step runs.
 */
export const templateVariablesSchema = z.record(z.string().regex(/^[A-Za-z_][\w]*$/, { message: 'Variable names are letters, digits and _' }), z.unknown());

export const labelFields = {
  /** Shown on the canvas card instead of the type name. */
  label: z.string().max(120).optional(),
  description: z.string().max(2000).optional(),
};
