import type { CalendarEnv } from '../../../activities/calendar/calendar-env';
import { CalendarConnection, Staff } from '../../../db/entities';
import type { RequestContext } from '../../context';

export interface CalendarConnectionView {
  id: string;
  provider: 'google' | 'microsoft';
  staffId: string | null;
  staffName: string | null;
  accountEmail: string;
  status: 'active' | 'needs_reconnect';
  lastSyncedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Push notifications active until then; null: polled every 15 minutes. */
  notificationsUntil: string | null;
  createdAt: string;
}

/** Settings → Calendars: every connection of the business with its health (never a token). */
export async function listCalendarConnections(options: { ctx: RequestContext; env: CalendarEnv }): Promise<{
  items: CalendarConnectionView[];
  total: number;
  providers: { google: boolean; microsoft: boolean };
  encryption: boolean;
  pushNotifications: boolean;
}> {
  const { ctx, env } = options;
  const rows = await ctx.em.find(CalendarConnection, {}, { orderBy: { createdAt: 'asc' } });
  const staffIds = [...new Set(rows.map((r) => r.staffId).filter((id): id is string => Boolean(id)))];
  const staff = staffIds.length ? await ctx.em.find(Staff, { id: { $in: staffIds } }) : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const items = rows.map((row) => ({
    id: row.id,
    provider: row.provider,
    staffId: row.staffId ?? null,
    staffName: row.staffId ? (names.get(row.staffId) ?? null) : null,
    accountEmail: row.accountEmail,
    status: row.status,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    lastError: row.lastError ?? null,
    lastErrorAt: row.lastErrorAt?.toISOString() ?? null,
    notificationsUntil: row.watchExpiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
  return {
    items,
    total: items.length,
    providers: { google: Boolean(env.clients.google), microsoft: Boolean(env.clients.microsoft) },
    encryption: Boolean(env.cipher),
    pushNotifications: Boolean(env.publicUrl),
  };
}
