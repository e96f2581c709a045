import { invitePolicies, videoProviders } from '../../db/entities';
import { z } from '../zod';

export const calendarProviderSchema = z.enum(['google', 'microsoft']);

export const calendarConnectInput = z
  .strictObject({
    provider: calendarProviderSchema,
    staffId: z.uuid().optional().openapi({ description: "The staff member whose calendar it is; omit for the business calendar (owner/admin)" }),
  })
  .openapi('CalendarConnectInput');

export const calendarConnectAnswer = z.object({ authorizationUrl: z.url() }).openapi('CalendarConnectAnswer');

export const calendarConnectionSchema = z
  .object({
    id: z.uuid(),
    provider: calendarProviderSchema,
    staffId: z.uuid().nullable(),
    staffName: z.string().nullable(),
    accountEmail: z.string(),
    status: z.enum(['active', 'needs_reconnect']),
    lastSyncedAt: z.string().nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    notificationsUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('CalendarConnection');

export const calendarConnectionList = z
  .object({
    items: z.array(calendarConnectionSchema),
    total: z.number().int(),
    providers: z.object({ google: z.boolean(), microsoft: z.boolean() }),
    encryption: z.boolean(),
    pushNotifications: z.boolean(),
  })
  .openapi('CalendarConnectionList');

export const calendarSettingsSchema = z
  .object({
    invitePolicy: z.enum(invitePolicies),
    emailInvites: z.boolean(),
    videoByService: z.record(z.string(), z.enum(videoProviders)),
    zoom: z.object({ accountId: z.string().nullable(), clientId: z.string().nullable(), configured: z.boolean() }),
  })
  .openapi('CalendarSettings');

export const calendarSettingsInput = z
  .strictObject({
    invitePolicy: z.enum(invitePolicies).optional().openapi({ description: 'Whom Google/Microsoft email about pushed events; with `none` the customer is not an attendee' }),
    emailInvites: z.boolean().optional().openapi({ description: 'Send our own iTIP invite (.ics REQUEST/CANCEL) on booking, reschedule and cancel' }),
    videoByService: z.record(z.uuid(), z.enum(videoProviders)).optional().openapi({ description: 'Service id → none | google_meet | teams | zoom' }),
    zoom: z
      .strictObject({ accountId: z.string().min(1).max(100), clientId: z.string().min(1).max(100), clientSecret: z.string().min(1).max(200) })
      .nullable()
      .optional()
      .openapi({ description: 'Zoom server-to-server OAuth app; null removes it. The secret is never shown again.' }),
  })
  .openapi('CalendarSettingsInput');

export const oauthCallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
});
