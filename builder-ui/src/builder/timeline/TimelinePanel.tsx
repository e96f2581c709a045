import { DateTime } from 'luxon';
import { useEffect, useMemo, useRef, useState } from 'react';
import { simulateOnServer } from '../../api/automations';
import type { MessageTemplate, SimulateResponse, TimelineEntry } from '../../api/automation-types';
import { ApiError, messageOf } from '../../api/errors';
import { useSampleAppointments } from '../../api/templates';
import type { AutomationDefinition } from '../../automation/dsl';
import { useSession } from '../../auth/session-context';
import { CheckboxField, SelectField } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { JsonField } from '../forms/JsonField';
import { edgesOnPath } from '../graph/to-flow';
import { useEditorStore } from '../store/context';
import { sampleContext } from './sample-context';
import { simulateInBrowser } from './simulate';
import { TimelineView } from './TimelineView';
import { newWhatIf, toEvents, WHAT_IF_LABELS, type WhatIf, type WhatIfKind } from './what-ifs';

const RUN_DELAY_MS = 500;

/**
 * What this draft would do for one appointment: the schedule of sends with their text, given
 * what-ifs (a reschedule, a cancel, a reply). Runs on the server's simulator, or in the browser.
 */
export function TimelinePanel({ automationId, doc, templates }: { automationId: string; doc: AutomationDefinition; templates: MessageTemplate[] }) {
  const { tenant } = useSession();
  const zone = tenant.timezone;
  const store = useEditorStore();
  const [source, setSource] = useState<'sample' | 'appointment'>('sample');
  const [appointmentId, setAppointmentId] = useState('');
  const [context, setContext] = useState<Record<string, unknown>>(() => sampleContext(tenant));
  const [editContext, setEditContext] = useState(false);
  const [whatIfs, setWhatIfs] = useState<WhatIf[]>([]);
  const [showPath, setShowPath] = useState(true);
  const [result, setResult] = useState<{ response: SimulateResponse; offline: boolean } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nextKey = useRef(1);
  const appointments = useSampleAppointments(source === 'appointment');

  const startsAt = useMemo(() => {
    if (source === 'appointment') return appointments.data?.items.find((a) => a.id === appointmentId)?.startsAt;
    const appointment = context.appointment as { startsAt?: string } | undefined;
    return appointment?.startsAt;
  }, [source, appointments.data, appointmentId, context]);

  useEffect(() => {
    if (source === 'appointment' && !appointmentId && appointments.data?.items[0]) setAppointmentId(appointments.data.items[0].id);
  }, [source, appointmentId, appointments.data]);

  useEffect(() => {
    if (source === 'appointment' && !appointmentId) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setRunning(true);
      setError(null);
      const startAt = DateTime.now().setZone(zone).startOf('minute').toISO()!;
      const events = toEvents(whatIfs, zone);
      try {
        const response = await simulateOnServer(
          automationId,
          source === 'appointment' ? { definition: doc, appointmentId, startAt, events } : { definition: doc, context, startAt, events },
          controller.signal,
        );
        setResult({ response, offline: false });
      } catch (e) {
        if (controller.signal.aborted) return;
        const serverRefused = e instanceof ApiError && e.status === 422;
        if (serverRefused || source === 'appointment') {
          setError(messageOf(e));
        } else {
          try {
            setResult({ response: simulateInBrowser({ definition: doc, context, startAt, events, templates }), offline: true });
          } catch (inner) {
            setError(`This draft cannot be simulated yet: ${messageOf(inner)}`);
          }
        }
      } finally {
        if (!controller.signal.aborted) setRunning(false);
      }
    }, RUN_DELAY_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [automationId, doc, source, appointmentId, context, whatIfs, zone, templates]);

  useEffect(() => {
    const path = result?.response.path;
    store.getState().setHighlight(showPath && path ? { source: 'preview', nodeIds: path, edgeIds: edgesOnPath(doc, path) } : null);
  }, [result, showPath, doc, store]);
  useEffect(() => () => store.getState().setHighlight(null), [store]);

  const addWhatIf = (kind: WhatIfKind) => {
    if (!startsAt) return;
    setWhatIfs((list) => [...list, newWhatIf(kind, nextKey.current++, startsAt, zone)]);
  };
  const setWhatIf = (key: number, patch: Partial<WhatIf>) => setWhatIfs((list) => list.map((w) => (w.key === key ? { ...w, ...patch } : w)));

  return (
    <div className="timeline-panel">
      <div className="form">
        <SelectField label="Preview for" value={source} onChange={(e) => setSource(e.target.value as 'sample' | 'appointment')}>
          <option value="sample">a sample appointment</option>
          <option value="appointment">a real upcoming appointment</option>
        </SelectField>
        {source === 'appointment' ? (
          appointments.isPending ? (
            <Spinner size="sm" label="Loading appointments" />
          ) : (appointments.data?.items.length ?? 0) === 0 ? (
            <p className="field-hint">No upcoming appointments: use the sample.</p>
          ) : (
            <SelectField label="Appointment" value={appointmentId} onChange={(e) => setAppointmentId(e.target.value)}>
              {appointments.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {DateTime.fromISO(a.startsAt, { zone }).toFormat('ccc d LLL, HH:mm')} · {a.status ?? ''}
                </option>
              ))}
            </SelectField>
          )
        ) : (
          <div>
            <p className="field-hint">
              Sample: starts {startsAt ? DateTime.fromISO(startsAt, { zone }).toFormat('cccc d LLLL, HH:mm') : '—'}.{' '}
              <button type="button" className="btn btn-link btn-tiny" onClick={() => setEditContext(!editContext)}>
                {editContext ? 'Hide the sample context' : 'Edit the sample context'}
              </button>
            </p>
            {editContext && (
              <JsonField
                label="Sample context (JSON)"
                rows={10}
                value={context}
                onChange={(v) => v && typeof v === 'object' && !Array.isArray(v) && setContext(v as Record<string, unknown>)}
              />
            )}
          </div>
        )}

        <fieldset className="fieldset">
          <legend className="field-label">What if…</legend>
          {whatIfs.length === 0 && <p className="field-hint">Nothing happens to the appointment. Add a what-if to see how the flow reacts.</p>}
          {whatIfs.map((w) => (
            <div key={w.key} className="what-if" data-testid="what-if">
              <span className="what-if-kind">{WHAT_IF_LABELS[w.kind]}</span>
              {w.kind === 'rescheduled' && (
                <input
                  className="input"
                  type="datetime-local"
                  aria-label="New start"
                  value={w.startsAt ?? ''}
                  onChange={(e) => setWhatIf(w.key, { startsAt: e.target.value })}
                />
              )}
              {w.kind !== 'noCheckIn' && w.kind !== 'replyNothing' && (
                <label className="what-if-at">
                  <span>{w.kind === 'rescheduled' ? 'decided at' : 'at'}</span>
                  <input className="input" type="datetime-local" aria-label="When" value={w.at} onChange={(e) => setWhatIf(w.key, { at: e.target.value })} />
                </label>
              )}
              <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove ${WHAT_IF_LABELS[w.kind]}`} onClick={() => setWhatIfs((l) => l.filter((x) => x.key !== w.key))}>
                ×
              </button>
            </div>
          ))}
          <select
            className="input"
            aria-label="Add a what-if"
            value=""
            disabled={!startsAt}
            onChange={(e) => {
              if (e.target.value) addWhatIf(e.target.value as WhatIfKind);
            }}
          >
            <option value="">+ Add a what-if…</option>
            {(Object.keys(WHAT_IF_LABELS) as WhatIfKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {WHAT_IF_LABELS[kind]}
              </option>
            ))}
          </select>
        </fieldset>
        <CheckboxField label="Highlight the path on the canvas" checked={showPath} onChange={(e) => setShowPath(e.target.checked)} />
      </div>

      <div className="timeline-result" aria-live="polite" aria-busy={running}>
        {running && !result && <Spinner label="Simulating…" />}
        {error && <p className="field-error">{error}</p>}
        {result && (
          <TimelineView
            entries={result.response.entries as TimelineEntry[]}
            endedBy={result.response.endedBy}
            doc={doc}
            zone={zone}
            offline={result.offline}
            templates={templates}
            onPick={(nodeId) => {
              store.getState().select([nodeId], []);
              store.getState().requestFocus({ nodeId });
            }}
          />
        )}
      </div>
    </div>
  );
}
