import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Channel, portalApi, type PortalMe, type PortalPreferences } from '../api/portal';
import { saveBlob } from '../api/customer-client';
import { Alert, ErrorAlert } from '../components/Alert';
import { CheckboxField, SelectField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { formatDay } from '../time/zoned';
import { portalKeys } from './portal-queries';

const CHANNELS: Array<{ value: Channel; label: string }> = [
  { value: 'email', label: 'Email' },
  { value: 'sms', label: 'Text message (SMS)' },
  { value: 'whatsapp', label: 'WhatsApp' },
];

export function SettingsTab({ me }: { me: PortalMe }) {
  return (
    <div className="portal-stack">
      <h1 className="portal-title">Settings</h1>
      <PreferencesForm me={me} />
      <PrivacySection me={me} />
    </div>
  );
}

function PreferencesForm({ me }: { me: PortalMe }) {
  const queryClient = useQueryClient();
  const [prefs, setPrefs] = useState<PortalPreferences>(me.preferences);
  const staff = useQuery({ queryKey: ['portal', 'staff', me.business.slug], queryFn: () => portalApi.staff(me.business.slug), staleTime: 300_000 });
  const save = useMutation({
    mutationFn: () => portalApi.savePreferences(prefs),
    onSuccess: (saved) => {
      setPrefs(saved);
      queryClient.setQueryData<PortalMe>(portalKeys.me, (old) => (old ? { ...old, preferences: saved } : old));
    },
  });
  const set = <K extends keyof PortalPreferences>(key: K, value: PortalPreferences[K]) => {
    save.reset();
    setPrefs((p) => ({ ...p, [key]: value }));
  };
  const preferred = prefs.channelPreferences[0] ?? 'email';
  return (
    <form
      className="portal-card-section form"
      aria-label="Preferences"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2 className="portal-section-title">How we reach you</h2>
      <SelectField
        label="Preferred channel"
        value={preferred}
        onChange={(e) => {
          const first = e.target.value as Channel;
          set('channelPreferences', [first, ...CHANNELS.map((c) => c.value).filter((c) => c !== first)]);
        }}
      >
        {CHANNELS.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="Preferred staff member" value={prefs.preferredStaffId ?? ''} onChange={(e) => set('preferredStaffId', e.target.value || null)}>
        <option value="">No preference</option>
        {staff.data?.staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <CheckboxField label="Booking notifications" description="Confirmations and reminders for your appointments" checked={prefs.notificationsEnabled} onChange={(e) => set('notificationsEnabled', e.target.checked)} />
      <CheckboxField label="Email" checked={prefs.emailOptIn} onChange={(e) => set('emailOptIn', e.target.checked)} />
      <CheckboxField label="Text messages" checked={prefs.smsOptIn} onChange={(e) => set('smsOptIn', e.target.checked)} disabled={!me.customer.phone} description={me.customer.phone ? undefined : 'Add a phone number with us first'} />
      <CheckboxField label="WhatsApp" checked={prefs.whatsappOptIn} onChange={(e) => set('whatsappOptIn', e.target.checked)} disabled={!me.customer.phone} />
      <CheckboxField label="Offers and news" description="Occasional marketing; unsubscribe any time" checked={prefs.marketingOptIn} onChange={(e) => set('marketingOptIn', e.target.checked)} />
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && <Alert tone="success">Saved.</Alert>}
      <div>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? <Spinner size="sm" label="Saving" /> : 'Save preferences'}
        </button>
      </div>
    </form>
  );
}

function PrivacySection({ me }: { me: PortalMe }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const exportData = useMutation({ mutationFn: portalApi.exportData, onSuccess: (blob) => saveBlob(blob, `my-data-${me.business.slug}.json`) });
  const remove = useMutation({
    mutationFn: () => portalApi.requestDeletion(reason.trim() || undefined),
    onSuccess: (answer) => {
      setConfirming(false);
      queryClient.setQueryData<PortalMe>(portalKeys.me, (old) => (old ? { ...old, customer: { ...old.customer, deletionRequestedAt: answer.deletionRequestedAt } } : old));
    },
  });
  const requested = me.customer.deletionRequestedAt;
  return (
    <section className="portal-card-section" aria-labelledby="privacy-title">
      <h2 className="portal-section-title" id="privacy-title">
        Your data
      </h2>
      <p className="muted small">Download everything {me.business.name} holds about you, or ask for it to be deleted.</p>
      {exportData.isError && <ErrorAlert error={exportData.error} />}
      <div className="portal-appt-actions">
        <button type="button" className="btn btn-secondary" disabled={exportData.isPending} onClick={() => exportData.mutate()}>
          {exportData.isPending ? <Spinner size="sm" label="Preparing" /> : 'Download my data (JSON)'}
        </button>
        {!requested && (
          <button type="button" className="btn btn-ghost btn-danger-text" onClick={() => setConfirming(true)}>
            Delete my data…
          </button>
        )}
      </div>
      {requested && (
        <Alert tone="info">
          You asked for your data to be deleted on {formatDay(requested, me.business.timezone)}. {me.business.name} will take care of it; records they must keep by law (such as payments) stay until then.
        </Alert>
      )}
      {confirming && !requested && (
        <div className="portal-panel">
          <p>
            {me.business.name} will delete your profile, pets and booking history. Upcoming bookings should be cancelled first.
          </p>
          <label className="field">
            <span className="field-label">
              Anything we should know? <span className="muted">(optional)</span>
            </span>
            <input className="input" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          </label>
          {remove.isError && <ErrorAlert error={remove.error} />}
          <div className="portal-panel-actions">
            <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
              Never mind
            </button>
            <button type="button" className="btn btn-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Request deletion
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
