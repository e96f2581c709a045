import { api } from '../api/client';

export type Presence = 'online' | 'away' | 'offline';

export interface PresenceRow {
  userId: string;
  name: string;
  email: string;
  role: string;
  presence: Presence;
  connections: number;
  lastSeenAt: string | null;
}

export interface ActivityEntry {
  id: string;
  at: string;
  userId: string;
  userName: string;
  action: string;
  summary: string;
  entityType: string;
  entityId: string | null;
  entityLabel: string | null;
  reason: string | null;
}

export const activityKinds = [
  { value: '', label: 'Everything' },
  { value: 'bookings', label: 'Bookings' },
  { value: 'automations', label: 'Automations' },
  { value: 'settings', label: 'Settings' },
  { value: 'payments', label: 'Payments' },
] as const;

export const activityApi = {
  presence: () => api.get<{ items: PresenceRow[]; total: number }>('/api/activity/presence'),
  log: (query: { kind?: string; userId?: string; cursor?: string }) =>
    api.get<{ items: ActivityEntry[]; total: number; nextCursor?: string }>('/api/activity', { limit: 50, kind: query.kind || undefined, userId: query.userId || undefined, cursor: query.cursor }),
};
