import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import './calendar-settings.css';
import { calendarApi } from '../api/calendar';
import { ErrorAlert, Alert } from '../components/Alert';
import { CheckboxField, SelectField, TextField } from '../components/Field';
import { type CalendarSettings, type CalendarSettingsInput, calendarIntegrationsApi, type VideoProvider } from './calendar-integrations-api';

const videoLabels: Record<VideoProvider, string> = { none: 'No video', google_meet: 'Google Meet', teams: 'Microsoft Teams', zoom: 'Zoom' };

/** Invites, video per service and the Zoom app (owner/admin). */
export function CalendarOptionsCard() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['calendar-settings'], queryFn: ({ signal }) => calendarIntegrationsApi.settings(signal) });
  const services = useQuery({ queryKey: ['services', 'all'], queryFn: ({ signal }) => calendarApi.services(signal) });
  const [draft, setDraft] = useState<CalendarSettings | null>(null);
  const [zoom, setZoom] = useState({ accountId: '', clientId: '', clientSecret: '' });
  useEffect(() => {
    if (settings.data) {
      setDraft(settings.data);
      setZoom((z) => ({ ...z, accountId: settings.data.zoom.accountId ?? '', clientId: settings.data.zoom.clientId ?? '' }));
    }
  }, [settings.data]);

  const save = useMutation({
    mutationFn: (input: CalendarSettingsInput) => calendarIntegrationsApi.saveSettings(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(['calendar-settings'], saved);
      setZoom((z) => ({ ...z, clientSecret: '' }));
    },
  });

  if (settings.error) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!draft) return null;
  const submit = () =>
    save.mutate({
      invitePolicy: draft.invitePolicy,
      emailInvites: draft.emailInvites,
      videoByService: draft.videoByService,
      ...(zoom.clientSecret ? { zoom } : {}),
    });

  return (
    <section className="card card-padded calendar-options" aria-labelledby="calendar-options-title">
      <h2 className="card-title" id="calendar-options-title">
        Invitations and video
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SelectField label="Calendar invitations from Google / Microsoft" value={draft.invitePolicy} onChange={(e) => setDraft({ ...draft, invitePolicy: e.target.value as CalendarSettings['invitePolicy'] })}>
          <option value="none">Don't add the customer to the calendar event</option>
          <option value="external_only">Invite the customer (guests outside your domain)</option>
          <option value="all">Invite the customer and every guest</option>
        </SelectField>
        <CheckboxField
          label="Email our own calendar invitation"
          description="An .ics invitation on booking, updated on reschedule and cancelled on cancellation; Gmail and Outlook update it in place."
          checked={draft.emailInvites}
          onChange={(e) => setDraft({ ...draft, emailInvites: e.target.checked })}
        />
        <h3 className="card-title">Video meeting per service</h3>
        {(services.data?.items ?? []).map((service) => (
          <SelectField
            key={service.id}
            label={service.name}
            value={draft.videoByService[service.id] ?? 'none'}
            onChange={(e) => setDraft({ ...draft, videoByService: { ...draft.videoByService, [service.id]: e.target.value as VideoProvider } })}
          >
            {(Object.keys(videoLabels) as VideoProvider[]).map((v) => (
              <option key={v} value={v}>
                {videoLabels[v]}
              </option>
            ))}
          </SelectField>
        ))}
        <p className="field-hint">Meet needs the staff member's (or the business's) Google calendar connected, Teams a Microsoft 365 one.</p>
        <h3 className="card-title">Zoom (server-to-server OAuth app)</h3>
        {draft.zoom.configured && <Alert tone="success">Zoom is configured. Enter a new secret to replace it.</Alert>}
        <div className="form-row">
          <TextField label="Account ID" value={zoom.accountId} onChange={(e) => setZoom({ ...zoom, accountId: e.target.value })} autoComplete="off" />
          <TextField label="Client ID" value={zoom.clientId} onChange={(e) => setZoom({ ...zoom, clientId: e.target.value })} autoComplete="off" />
          <TextField label="Client secret" type="password" value={zoom.clientSecret} onChange={(e) => setZoom({ ...zoom, clientSecret: e.target.value })} autoComplete="new-password" />
        </div>
        {save.error && <ErrorAlert error={save.error} />}
        {save.isSuccess && <Alert tone="success">Saved.</Alert>}
        <div className="form-actions">
          {draft.zoom.configured && (
            <button type="button" className="btn btn-ghost" onClick={() => save.mutate({ zoom: null })} disabled={save.isPending}>
              Remove Zoom
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save
          </button>
        </div>
      </form>
    </section>
  );
}
