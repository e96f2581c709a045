import { z } from 'zod';
import { labelFields, templateIdSchema, templateVariablesSchema } from '../primitives';
import { actionNode } from './spec';

const messageFields = {
  ...labelFields,
  templateId: templateIdSchema,
  variables: templateVariablesSchema.optional(),
};

export const sendSmsNode = actionNode('sendSms', 'Send SMS', 'messaging', z.strictObject(messageFields));

export const sendWhatsAppNode = actionNode('sendWhatsApp', 'Send WhatsApp', 'messaging', z.strictObject(messageFields));

export const sendEmailNode = actionNode(
  'sendEmail',
  'Send email',
  'messaging',
  z.strictObject({
    ...messageFields,
    /** Attach the appointment as an .ics invitation. */
    attachIcs: z.boolean().optional(),
  }),
);
