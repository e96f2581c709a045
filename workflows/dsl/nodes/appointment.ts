import { z } from 'zod';
import { labelFields } from '../primitives';
import { actionNode } from './spec';

export const APPOINTMENT_STATUSES = ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;

export const updateAppointmentNode = actionNode(
  'updateAppointment',
  'Update appointment',
  'appointment',
  z.strictObject({ ...labelFields, status: z.enum(APPOINTMENT_STATUSES), reason: z.string().max(500).optional() }),
);

export const chargeNoShowFeeNode = actionNode(
  'chargeNoShowFee',
  'Charge no-show fee',
  'appointment',
  z
    .strictObject({
      ...labelFields,
      /** fixed: always amountsCents[0]; escalating: the n-th no-show pays amountsCents[n-1], the last amount repeating. */
      mode: z.enum(['fixed', 'escalating']),
      amountsCents: z.array(z.number().int().nonnegative()).min(1, { message: 'Give at least one amount' }).max(20),
    })
    .superRefine((data, ctx) => {
      if (data.mode === 'fixed' && data.amountsCents.length !== 1) {
        ctx.addIssue({ code: 'custom', path: ['amountsCents'], message: 'A fixed fee has exactly one amount' });
      }
    }),
);

export const adjustReputationNode = actionNode(
  'adjustReputation',
  'Adjust reputation',
  'appointment',
  z.strictObject({
    ...labelFields,
    delta: z
      .number()
      .int()
      .min(-100)
      .max(100)
      .refine((n) => n !== 0, { message: 'The change must not be zero' }),
    reason: z.string().trim().min(1, { message: 'Give a reason' }).max(200),
  }),
);
