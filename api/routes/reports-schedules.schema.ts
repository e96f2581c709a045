import { email } from './common.schema';
import { z } from '../zod';

export const reportFrequencyParams = z.strictObject({ frequency: z.enum(['weekly', 'monthly']) });

/** PATCH /api/settings/report-schedules/:frequency: the fields to change. Times are local to the business. */
export const reportScheduleInput = z
  .strictObject({
    enabled: z.boolean().optional(),
    recipients: z.array(email()).max(20).optional().openapi({ description: 'Who receives the summary (at most 20)' }),
    weekday: z.number().int().min(1).max(7).optional().openapi({ description: 'Weekly: ISO weekday it is sent on, 1 = Monday (default 1)' }),
    dayOfMonth: z.number().int().min(1).max(28).optional().openapi({ description: 'Monthly: day of the month it is sent on, 1–28 (default 1)' }),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time HH:mm').optional().openapi({ description: 'Local time it is sent at (default 08:00)' }),
  })
  .openapi('ReportScheduleInput');

export const reportScheduleView = z
  .object({
    frequency: z.enum(['weekly', 'monthly']),
    enabled: z.boolean(),
    recipients: z.array(z.string()),
    weekday: z.number().int(),
    dayOfMonth: z.number().int(),
    time: z.string(),
    timezone: z.string(),
    lastPeriodStart: z.string().nullable(),
    lastSentAt: z.string().nullable(),
    nextRunAt: z.string().nullable(),
  })
  .openapi('ReportSchedule');
