import { activityKinds } from '../services/activity/activity-log';
import { z } from '../zod';
import { listQueryShape, timestamp } from './common.schema';

export const activityQuery = z
  .object({
    userId: z.uuid().optional().openapi({ description: 'Only this user (staff always see only their own)' }),
    kind: z.enum(Object.keys(activityKinds) as [keyof typeof activityKinds, ...Array<keyof typeof activityKinds>]).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: listQueryShape.limit,
    cursor: listQueryShape.cursor,
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'must be after from', path: ['to'] });

export const activityEntrySchema = z
  .object({
    id: z.string(),
    at: timestamp(),
    userId: z.uuid(),
    userName: z.string(),
    action: z.string().openapi({ example: 'appointment.cancelled' }),
    summary: z.string().openapi({ example: 'cancelled an appointment — Dana Lee' }),
    entityType: z.string(),
    entityId: z.uuid().nullable(),
    entityLabel: z.string().nullable(),
    reason: z.string().nullable(),
    changes: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('ActivityEntry');

export const presenceSchema = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.string(),
    presence: z.enum(['online', 'away', 'offline']),
    connections: z.number().int(),
    lastSeenAt: timestamp().nullable(),
  })
  .openapi('StaffPresence');
