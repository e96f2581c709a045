import { DateTime } from 'luxon';
import { z } from '../zod';

const dateOrDateTime = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) && DateTime.fromISO(v, { setZone: true }).isValid, 'Expected a date (YYYY-MM-DD) or an ISO-8601 date-time');

/** Query of GET /api/reports/:name. Dates are local days of the business; `to` is included. */
export const reportQuery = z
  .strictObject({
    from: dateOrDateTime.optional(),
    to: dateOrDateTime.optional(),
    preset: z.enum(['7d', '30d', '90d', '1y']).optional(),
    groupBy: z.enum(['day', 'week', 'month', 'year']).optional(),
    format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
    churnDays: z.coerce.number().int().min(7).max(1000).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.preset && (q.from || q.to)) ctx.addIssue({ code: 'custom', path: ['preset'], message: 'Give either preset or from and to, not both' });
    if (q.from && !q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is required with from' });
    if (q.to && !q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is required with to' });
    if (q.from && q.to) {
      const from = DateTime.fromISO(q.from.slice(0, 10));
      const to = DateTime.fromISO(q.to.slice(0, 10));
      if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
      else if (to.diff(from, 'days').days > 366 * 3) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range can span at most 3 years' });
    }
  })
  .openapi('ReportQuery');

export const reportNameParams = z.strictObject({
  name: z.enum(['revenue', 'appointments', 'customers', 'staff', 'messaging', 'automations', 'funnel']),
});
