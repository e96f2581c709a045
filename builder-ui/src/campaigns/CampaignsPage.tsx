import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTemplateList } from '../api/message-templates';
import { ErrorAlert } from '../components/Alert';
import { CheckboxField, SelectField, TextField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { useSegments } from '../segments/segments-api';
import { type NewCampaign, useCampaigns, useCreateCampaign } from './campaigns-api';
import './campaigns.css';

function NewCampaignForm({ onDone }: { onDone(id: string): void }) {
  const segments = useSegments();
  const [channel, setChannel] = useState<NewCampaign['content']['channel']>('sms');
  const templates = useTemplateList('', channel);
  const create = useCreateCampaign();
  const [form, setForm] = useState({ name: '', segmentId: '', templateA: '', templateB: '', rate: '10', testPercent: '100', winner: 'manual', afterHours: '4', metric: 'clicked', linkUrl: '', scheduledAt: '' });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const [abTest, setAbTest] = useState(false);
  const templateOptions = templates.data?.items.map((t) => <option key={t.key} value={t.key}>{t.name}</option>);

  const submit = (launch: boolean) => {
    const variants = [{ id: 'a', label: 'A', templateId: form.templateA }, ...(abTest ? [{ id: 'b', label: 'B', templateId: form.templateB }] : [])];
    create.mutate(
      {
        name: form.name,
        segmentId: form.segmentId,
        ratePerSecond: Number(form.rate),
        content: { channel, variants },
        ...(abTest
          ? { abTest: { testPercent: Number(form.testPercent), winner: form.winner === 'auto' ? { mode: 'auto', afterHours: Number(form.afterHours), metric: form.metric as 'clicked' } : { mode: 'manual' } } }
          : {}),
        ...(form.linkUrl ? { linkUrl: form.linkUrl } : {}),
        launch,
        ...(form.scheduledAt ? { scheduledAt: new Date(form.scheduledAt).toISOString() } : {}),
      },
      { onSuccess: (c) => onDone(c.id) },
    );
  };

  return (
    <section className="card card-padded campaign-form" aria-label="New campaign">
      <TextField label="Name" value={form.name} onChange={set('name')} />
      <SelectField label="Segment" value={form.segmentId} onChange={set('segmentId')}>
        <option value="">Choose a segment</option>
        {segments.data?.items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </SelectField>
      <SelectField label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
        <option value="sms">SMS</option>
        <option value="whatsapp">WhatsApp</option>
        <option value="email">Email</option>
      </SelectField>
      <SelectField label={abTest ? 'Template, variant A' : 'Template'} value={form.templateA} onChange={set('templateA')}>
        <option value="">Choose a template</option>
        {templateOptions}
      </SelectField>
      <CheckboxField label="A/B test" description="Send two versions and keep the better one" checked={abTest} onChange={(e) => setAbTest(e.target.checked)} />
      {abTest && (
        <>
          <SelectField label="Template, variant B" value={form.templateB} onChange={set('templateB')}>
            <option value="">Choose a template</option>
            {templateOptions}
          </SelectField>
          <TextField label="Test share (% of the audience)" type="number" min={1} max={100} value={form.testPercent} onChange={set('testPercent')} hint="Below 100: the winner goes to the rest" />
          <SelectField label="Winner" value={form.winner} onChange={set('winner')}>
            <option value="manual">I choose it</option>
            <option value="auto">Automatically</option>
          </SelectField>
          {form.winner === 'auto' && (
            <>
              <TextField label="After (hours)" type="number" min={0.1} value={form.afterHours} onChange={set('afterHours')} />
              <SelectField label="Best at" value={form.metric} onChange={set('metric')}>
                <option value="delivered">Delivery rate</option>
                <option value="clicked">Click rate</option>
                <option value="booked">Bookings</option>
              </SelectField>
            </>
          )}
        </>
      )}
      <TextField label="Link ({{campaign.link}})" type="url" value={form.linkUrl} onChange={set('linkUrl')} hint="Tracked per recipient for clicks" />
      <TextField label="Messages per second" type="number" min={1} max={1000} value={form.rate} onChange={set('rate')} />
      <TextField label="Send at (empty: now)" type="datetime-local" value={form.scheduledAt} onChange={set('scheduledAt')} />
      {create.error && <ErrorAlert error={create.error} />}
      <div className="campaign-actions">
        <button type="button" className="btn btn-primary" disabled={create.isPending} onClick={() => submit(true)}>{form.scheduledAt ? 'Schedule' : 'Send now'}</button>
        <button type="button" className="btn btn-secondary" disabled={create.isPending} onClick={() => submit(false)}>Save as draft</button>
      </div>
    </section>
  );
}

/** `/campaigns`: every campaign with its status, and a form for a new one. */
export function CampaignsPage() {
  const list = useCampaigns();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Campaigns"
        subtitle="SMS, WhatsApp and email to a segment, at a steady rate, within quiet hours and consent."
        actions={<><Link to="/segments" className="btn btn-secondary">Segments</Link><button type="button" className="btn btn-primary" onClick={() => setCreating(!creating)}>New campaign</button></>}
      />
      {creating && <NewCampaignForm onDone={(id) => navigate(`/campaigns/${id}`)} />}
      {list.isPending && <Spinner label="Loading campaigns" />}
      {list.error && <ErrorAlert error={list.error} />}
      <div className="card table-wrap">
        <table className="table table-clickable">
          <thead><tr><th>Name</th><th>Status</th><th className="num">Audience</th><th>Created</th></tr></thead>
          <tbody>
            {list.data?.items.map((c) => (
              <tr key={c.id} onClick={() => navigate(`/campaigns/${c.id}`)}>
                <td className="strong"><Link to={`/campaigns/${c.id}`}>{c.name}</Link></td>
                <td><span className={`badge campaign-status-${c.status}`}>{c.status}</span></td>
                <td className="num">{c.audienceCount}</td>
                <td>{new Date(c.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
