import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { calendarApi } from '../api/calendar';
import { useSession } from '../auth/session-context';
import { ErrorAlert, Alert } from '../components/Alert';
import { SelectField } from '../components/Field';
import { type CalendarConnection, type CalendarProvider, calendarIntegrationsApi } from './calendar-integrations-api';

const providerName: Record<CalendarProvider, string> = { google: 'Google Calendar', microsoft: 'Microsoft 365' };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

function StatusBadge({ connection }: { connection: CalendarConnection }) {
  if (connection.status === 'needs_reconnect') return <span className="badge badge-danger">Reconnect needed</span>;
  if (connection.lastError) return <span className="badge badge-warning">Error</span>;
  return <span className="badge badge-success">Active</span>;
}

/** Connected calendars with their sync health, and the buttons that start an OAuth connect. */
export function CalendarConnectionsCard() {
  const { user } = useSession();
  const manager = user.role === 'owner' || user.role === 'admin';
  const queryClient = useQueryClient();
  // Polled briefly after "Sync now" so its outcome shows without a reload.
  const [watchUntil, setWatchUntil] = useState(0);
  const connections = useQuery({
    queryKey: ['calendar-connections'],
    queryFn: ({ signal }) => calendarIntegrationsApi.list(signal),
    refetchInterval: () => (Date.now() < watchUntil ? 2_000 : 30_000),
  });
  const staff = useQuery({ queryKey: ['staff', 'all'], queryFn: ({ signal }) => calendarApi.staff(signal) });
  const [owner, setOwner] = useState<string>('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['calendar-connections'] });

  const connect = useMutation({
    mutationFn: ({ provider }: { provider: CalendarProvider }) => calendarIntegrationsApi.connect(provider, owner || null),
    onSuccess: ({ authorizationUrl }) => window.location.assign(authorizationUrl),
  });
  const syncNow = useMutation({
    mutationFn: calendarIntegrationsApi.syncNow,
    onSuccess: () => {
      setWatchUntil(Date.now() + 30_000);
      refresh();
    },
  });
  const disconnect = useMutation({ mutationFn: calendarIntegrationsApi.disconnect, onSuccess: refresh });

  const info = connections.data;
  return (
    <section className="card card-padded" aria-labelledby="calendar-connections-title">
      <h2 className="card-title" id="calendar-connections-title">
        Connected calendars
      </h2>
      <p className="page-subtitle">Bookings appear in the connected calendar; busy time there removes slots here.</p>
      {connections.error && <ErrorAlert error={connections.error} onRetry={() => void connections.refetch()} />}
      {info && !info.encryption && <Alert tone="info">Set ENCRYPTION_KEY on the server to connect calendars (tokens are stored encrypted).</Alert>}
      {info && !info.pushNotifications && <Alert tone="info">Without a public URL (PUBLIC_URL) changes are picked up every 15 minutes instead of at once.</Alert>}

      <div className="form-row">
        <SelectField label="Calendar of" value={owner} onChange={(e) => setOwner(e.target.value)}>
          {manager && <option value="">The business (every booking)</option>}
          {(staff.data?.items ?? []).filter((s) => s.active).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions">
        {(['google', 'microsoft'] as const).map((provider) => (
          <button
            key={provider}
            type="button"
            className="btn btn-primary"
            disabled={!info?.providers[provider] || !info.encryption || connect.isPending || (!manager && !owner)}
            title={info && !info.providers[provider] ? `${providerName[provider]} is not configured on this server` : undefined}
            onClick={() => connect.mutate({ provider })}
          >
            Connect {providerName[provider]}
          </button>
        ))}
      </div>
      {connect.error && <ErrorAlert error={connect.error} />}
      {(syncNow.error || disconnect.error) && <ErrorAlert error={syncNow.error ?? disconnect.error} />}

      {info && info.items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Calendar</th>
                <th>Of</th>
                <th>Status</th>
                <th>Last sync</th>
                <th>Live updates until</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {info.items.map((c) => (
                <tr key={c.id}>
                  <td className="strong">
                    {providerName[c.provider]}
                    <div className="field-hint">{c.accountEmail}</div>
                  </td>
                  <td>{c.staffName ?? 'The business'}</td>
                  <td>
                    <StatusBadge connection={c} />
                    {c.lastError && <div className="field-hint">{c.lastError}</div>}
                  </td>
                  <td>{c.staffId ? when(c.lastSyncedAt) : 'Bookings only'}</td>
                  <td>{when(c.notificationsUntil)}</td>
                  <td className="row-actions">
                    {c.staffId && (
                      <button type="button" className="btn btn-ghost btn-sm" onClick={() => syncNow.mutate(c.id)} disabled={syncNow.isPending}>
                        Sync now
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm"
                      disabled={disconnect.isPending}
                      onClick={() => {
                        if (window.confirm(`Disconnect ${providerName[c.provider]} (${c.accountEmail})? Access is revoked and its busy time stops blocking slots.`)) disconnect.mutate(c.id);
                      }}
                    >
                      Disconnect
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {info && info.items.length === 0 && <p className="inline-empty">No calendar connected yet.</p>}
    </section>
  );
}
