import { DateTime } from 'luxon';
import { useEffect, useMemo, useState } from 'react';
import { useTemplatePreview, type PreviewRequest, type TemplateChannel, type TemplatePreviewDetail } from '../api/message-templates';
import { useSampleAppointments } from '../api/templates';
import { useSession } from '../auth/session-context';
import { ErrorAlert } from '../components/Alert';
import { SelectField } from '../components/Field';
import { Spinner } from '../components/Spinner';
import { sampleContext } from '../builder/timeline/sample-context';
import { emailPreviewDocument } from './email-html';
import { SmsMeter } from './SmsMeter';
import { useDebounced } from './use-debounced';

const DEBOUNCE_MS = 250;

function RenderedMessage({ channel, result, businessName }: { channel: TemplateChannel; result: TemplatePreviewDetail; businessName: string }) {
  if (channel === 'email') {
    return (
      <div className="tpl-email" data-testid="email-preview">
        <dl className="tpl-email-head">
          <div>
            <dt>From</dt>
            <dd>{businessName}</dd>
          </div>
          <div>
            <dt>Subject</dt>
            <dd data-testid="preview-subject">{result.subject || <span className="muted">(no subject)</span>}</dd>
          </div>
        </dl>
        {/* No scripts, no forms, no navigation: the rendered text is shown as the HTML part is sent. */}
        <iframe className="tpl-email-frame" title="Email preview" sandbox="" srcDoc={emailPreviewDocument(result.body)} />
      </div>
    );
  }
  return (
    <div className={`tpl-phone tpl-phone-${channel}`}>
      <p className="tpl-bubble" data-testid="preview-body">
        {result.body || <span className="muted">(empty)</span>}
      </p>
    </div>
  );
}

/**
 * The template rendered by the server as it would be sent: against the sample appointment or a
 * real upcoming one, refreshed as you type, with the parts an SMS or WhatsApp text takes.
 */
export function PreviewPanel({ channel, subject, body }: { channel: TemplateChannel; subject: string; body: string }) {
  const { tenant } = useSession();
  const zone = tenant.timezone;
  const [source, setSource] = useState<'sample' | 'appointment'>('sample');
  const [appointmentId, setAppointmentId] = useState('');
  const appointments = useSampleAppointments(source === 'appointment');
  const sample = useMemo(() => sampleContext(tenant), [tenant]);
  const upcoming = appointments.data?.items ?? [];

  useEffect(() => {
    if (source === 'appointment' && !appointmentId && upcoming[0]) setAppointmentId(upcoming[0].id);
  }, [source, appointmentId, upcoming]);

  const text = useDebounced({ channel, subject, body }, DEBOUNCE_MS);
  const request: PreviewRequest | null = useMemo(() => {
    if (text.body.trim() === '') return null;
    if (source === 'appointment' && !appointmentId) return null;
    return {
      channel: text.channel,
      body: text.body,
      ...(text.channel === 'email' ? { subject: text.subject } : {}),
      ...(source === 'appointment' ? { appointmentId } : { context: sample }),
    };
  }, [text, source, appointmentId, sample]);
  const preview = useTemplatePreview(request);
  const typing = text.body !== body || text.subject !== subject || text.channel !== channel;
  const stale = typing || preview.isPlaceholderData || preview.isFetching;
  const result = preview.data;
  const shownResult = result && !preview.isError ? result : undefined;

  return (
    <section className="card tpl-preview" aria-label="Preview">
      <div className="card-header">
        <h2 className="card-title">Preview</h2>
        {stale && request && <Spinner size="sm" label="Updating" />}
      </div>
      <div className="card-section tpl-preview-controls">
        <SelectField label="Render for" value={source} onChange={(e) => setSource(e.target.value as 'sample' | 'appointment')}>
          <option value="sample">a sample appointment</option>
          <option value="appointment">a real upcoming appointment</option>
        </SelectField>
        {source === 'appointment' &&
          (appointments.isPending ? (
            <Spinner size="sm" label="Loading appointments" />
          ) : upcoming.length === 0 ? (
            <p className="field-hint">No upcoming appointments yet: the sample is used.</p>
          ) : (
            <SelectField label="Appointment" value={appointmentId} onChange={(e) => setAppointmentId(e.target.value)}>
              {upcoming.map((a) => (
                <option key={a.id} value={a.id}>
                  {DateTime.fromISO(a.startsAt, { zone }).toFormat('ccc d LLL, HH:mm')}
                  {a.status ? ` · ${a.status}` : ''}
                </option>
              ))}
            </SelectField>
          ))}
      </div>
      <div className="card-section tpl-preview-body">
        {body.trim() === '' ? (
          <p className="muted">Write a message to see it rendered.</p>
        ) : preview.isError ? (
          <ErrorAlert error={preview.error} title="The preview cannot be rendered" />
        ) : shownResult ? (
          <>
            <RenderedMessage channel={channel} result={shownResult} businessName={tenant.name} />
            {channel !== 'email' && shownResult.sms && <SmsMeter sms={shownResult.sms} stale={stale} />}
            {shownResult.problems.length > 0 && (
              <div className="alert alert-info tpl-problems" role="status" data-testid="preview-problems">
                <strong className="alert-title">Saving would refuse this text</strong>
                <ul className="alert-list">
                  {shownResult.problems.map((p) => (
                    <li key={`${p.field}:${p.message}`}>
                      {p.field}: {p.message}
                    </li>
                  ))}
                </ul>
                <p className="small">Unknown variables render empty here.</p>
              </div>
            )}
            <p className="field-hint" data-testid="preview-source">
              {shownResult.context.source === 'appointment' ? 'Rendered with the chosen appointment.' : 'Rendered with the sample appointment (Alex Morgan, Full groom, in 3 days at 10:00).'}
            </p>
          </>
        ) : (
          request && <Spinner label="Rendering" />
        )}
      </div>
    </section>
  );
}
