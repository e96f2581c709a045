import { api } from '../api/client';

export type CalendarProvider = 'google' | 'microsoft';
export type VideoProvider = 'none' | 'google_meet' | 'teams' | 'zoom';
export type InvitePolicy = 'all' | 'external_only' | 'none';

export interface CalendarConnection {
  id: string;
  provider: CalendarProvider;
  staffId: string | null;
  staffName: string | null;
  accountEmail: string;
  status: 'active' | 'needs_reconnect';
  lastSyncedAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  notificationsUntil: string | null;
  createdAt: string;
}

export interface CalendarConnectionList {
  items: CalendarConnection[];
  total: number;
  providers: { google: boolean; microsoft: boolean };
  encryption: boolean;
  pushNotifications: boolean;
}

export interface CalendarSettings {
  invitePolicy: InvitePolicy;
  emailInvites: boolean;
  videoByService: Record<string, VideoProvider>;
  zoom: { accountId: string | null; clientId: string | null; configured: boolean };
}

export interface CalendarSettingsInput {
  invitePolicy?: InvitePolicy;
  emailInvites?: boolean;
  videoByService?: Record<string, VideoProvider>;
  zoom?: { accountId: string; clientId: string; clientSecret: string } | null;
}

const base = '/api/integrations/calendar';

/** Settings → Calendars: the routes of api/routes/calendar.routes.ts. */
export const calendarIntegrationsApi = {
  list: (signal?: AbortSignal) => api.get<CalendarConnectionList>(base, undefined, signal),
  connect: (provider: CalendarProvider, staffId: string | null) => api.post<{ authorizationUrl: string }>(`${base}/connect`, { provider, ...(staffId ? { staffId } : {}) }),
  syncNow: (id: string) => api.post<{ started: boolean }>(`${base}/${id}/sync`, {}),
  disconnect: (id: string) => api.delete<{ revoked: boolean }>(`${base}/${id}`),
  settings: (signal?: AbortSignal) => api.get<CalendarSettings>(`${base}/settings`, undefined, signal),
  saveSettings: (input: CalendarSettingsInput) => api.patch<CalendarSettings>(`${base}/settings`, input),
};
