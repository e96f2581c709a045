import { z } from 'zod';
import { labelFields, templateIdSchema, templateVariablesSchema } from '../primitives';
import { actionNode } from './spec';

export const syncCalendarNode = actionNode(
  'syncCalendar',
  'Sync calendar',
  'integration',
  z.strictObject({ ...labelFields, operation: z.enum(['upsert', 'delete']).optional() }),
);

export const createMeetingNode = actionNode(
  'createMeeting',
  'Create video meeting',
  'integration',
  z.strictObject({ ...labelFields, provider: z.enum(['google_meet', 'teams', 'zoom']).optional() }),
);

export const notifyWaitlistNode = actionNode(
  'notifyWaitlist',
  'Notify waitlist',
  'integration',
  z.strictObject({ ...labelFields, limit: z.number().int().min(1).max(100).optional() }),
);

export const notifyStaffNode = actionNode(
  'notifyStaff',
  'Notify staff',
  'integration',
  z
    .strictObject({
      ...labelFields,
      /** A Handlebars text over the context, or a template. */
      message: z.string().min(1).max(2000).optional(),
      templateId: templateIdSchema.optional(),
      variables: templateVariablesSchema.optional(),
      channel: z.enum(['live', 'email', 'sms']).optional(),
    })
    .superRefine((data, ctx) => {
      if ((data.message === undefined) === (data.templateId === undefined)) {
        ctx.addIssue({ code: 'custom', message: 'notifyStaff needs exactly one of message or templateId' });
      }
    }),
);

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

export const webhookNode = actionNode(
  'webhook',
  'Call webhook',
  'integration',
  z.strictObject({
    ...labelFields,
    /** May contain {{path}} placeholders. */
    url: z.string().max(2000).regex(HTTP_URL, { message: 'Must be an http(s) URL' }),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/), z.string().max(2000)).optional(),
    /** JSON body; string values may contain {{path}} placeholders, objects may be JSON Logic expressions. */
    body: z.unknown().optional(),
  }),
);
