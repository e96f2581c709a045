import type { CalendarEnv } from '../../../activities/calendar/calendar-env';
import { zoomSecretAad } from '../../../activities/calendar/open-connection';
import { AuditLog, CalendarSettings, Service, type VideoProviderKind } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';

export interface CalendarSettingsView {
  invitePolicy: 'all' | 'external_only' | 'none';
  emailInvites: boolean;
  videoByService: Record<string, VideoProviderKind>;
  zoom: { accountId: string | null; clientId: string | null; configured: boolean };
}

export interface CalendarSettingsInput {
  invitePolicy?: CalendarSettingsView['invitePolicy'];
  emailInvites?: boolean;
  videoByService?: Record<string, VideoProviderKind>;
  /** `null` removes the Zoom app. The secret is write-only. */
  zoom?: { accountId: string; clientId: string; clientSecret: string } | null;
}

function present(row: CalendarSettings | null): CalendarSettingsView {
  return {
    invitePolicy: row?.invitePolicy ?? 'none',
    emailInvites: row?.emailInvites ?? false,
    videoByService: row?.videoByService ?? {},
    zoom: { accountId: row?.zoomAccountId ?? null, clientId: row?.zoomClientId ?? null, configured: Boolean(row?.zoomAccountId && row.zoomClientId) },
  };
}

export async function getCalendarSettings(ctx: RequestContext): Promise<CalendarSettingsView> {
  return present(await ctx.em.findOne(CalendarSettings, { tenantId: ctx.tenantId }));
}

/**
 * Changes the calendar choices (owner/admin). Services named in `videoByService` must exist;
 * `none` entries are dropped. The Zoom client secret is stored sealed and never shown again.
 */
export async function updateCalendarSettings(options: { ctx: RequestContext; env: CalendarEnv; input: CalendarSettingsInput }): Promise<CalendarSettingsView> {
  const { ctx, input } = options;
  if (input.videoByService) {
    const ids = Object.keys(input.videoByService);
    const found = ids.length ? await ctx.em.find(Service, { id: { $in: ids } }, { fields: ['id'] }) : [];
    const missing = ids.filter((id) => !found.some((s) => s.id === id));
    if (missing.length) {
      throw new AppError('INVALID_REFERENCE', 'videoByService names services that do not exist', missing.map((id) => ({ path: `videoByService.${id}`, message: 'No such service' })));
    }
  }
  if (input.zoom && !options.env.cipher) throw new AppError('INVALID_STATE', 'Storing Zoom credentials needs ENCRYPTION_KEY (32 bytes, base64)');
  const row = (await ctx.em.findOne(CalendarSettings, { tenantId: ctx.tenantId })) ?? createInTenant(ctx, CalendarSettings, {});
  const before = present(row);
  if (input.invitePolicy) row.invitePolicy = input.invitePolicy;
  if (input.emailInvites !== undefined) row.emailInvites = input.emailInvites;
  if (input.videoByService) row.videoByService = Object.fromEntries(Object.entries(input.videoByService).filter(([, v]) => v !== 'none'));
  if (input.zoom && options.env.cipher) {
    row.zoomAccountId = input.zoom.accountId;
    row.zoomClientId = input.zoom.clientId;
    row.zoomClientSecret = options.env.cipher.encrypt(input.zoom.clientSecret, zoomSecretAad(ctx.tenantId));
  }
  const after = present(input.zoom === null ? Object.assign(row, { zoomAccountId: undefined, zoomClientId: undefined }) : row);
  createInTenant(ctx, AuditLog, { userId: ctx.user.id, action: 'calendar.settings', entityType: 'tenant', entityId: ctx.tenantId, changes: { before, after }, requestId: ctx.requestId });
  await ctx.em.flush();
  if (input.zoom === null) await ctx.em.nativeUpdate(CalendarSettings, { id: row.id }, { zoomAccountId: null, zoomClientId: null, zoomClientSecret: null });
  return after;
}
