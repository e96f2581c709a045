import { DateTime } from 'luxon';
import type { MessageTemplate, SimulateResponse, TimelineEntry } from '../../api/automation-types';
import type { AutomationDefinition } from '../../automation/dsl';
import { isNodeType } from '../../automation/dsl';
import { nodeUi } from '../nodes/registry';

const ACTION_VERBS: Record<string, string> = { sendSms: 'SMS', sendEmail: 'Email', sendWhatsApp: 'WhatsApp' };

function stepName(doc: AutomationDefinition, nodeId: string): string {
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return nodeId;
  return (typeof node.data.label === 'string' && node.data.label) || nodeUi(node.type).title;
}

const EVENT_WORDS: Array<[RegExp, string]> = [
  [/^appointment\.rescheduled: starts/, 'Rescheduled: now starts'],
  [/^appointment\.cancelled/, 'Cancelled'],
  [/^appointment\.confirmed/, 'Confirmed'],
  [/^appointment\.checked_in/, 'Checked in'],
  [/^appointment\.completed/, 'Completed'],
  [/^appointment\.no_show/, 'Marked no-show'],
  [/^message\.received:/, 'Replied'],
];
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** "appointment.rescheduled: starts 2026-11-25T15:00:00.000-05:00" → "Rescheduled: now starts Wed 25 Nov, 15:00". */
export function readableDetail(detail: string, zone: string): string {
  let text = detail;
  for (const [pattern, words] of EVENT_WORDS) text = text.replace(pattern, words);
  return text.replace(ISO_TIME, (iso) => {
    const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
    return dt.isValid ? dt.toFormat('ccc d LLL, HH:mm') : iso;
  });
}

function templateTitle(entry: TimelineEntry, templates: MessageTemplate[]): string | null {
  const key = entry.action?.input?.templateId;
  if (typeof key !== 'string') return null;
  return templates.find((t) => t.key === key)?.name ?? key;
}

function kindOf(entry: TimelineEntry): 'send' | 'action' | 'wait' | 'event' | 'end' | 'step' {
  if (entry.type === 'event') return 'event';
  if (entry.action) return entry.action.type in ACTION_VERBS ? 'send' : 'action';
  if (entry.type === 'wait' || entry.type === 'waitForEvent') return 'wait';
  if (entry.type === 'end' || entry.type === 'goal') return 'end';
  return 'step';
}

/** The simulated schedule, grouped by day: sends with their rendered text, waits, events, the end. */
export function TimelineView({
  entries,
  endedBy,
  doc,
  zone,
  offline,
  templates,
  onPick,
}: {
  entries: TimelineEntry[];
  endedBy: SimulateResponse['endedBy'];
  doc: AutomationDefinition;
  zone: string;
  offline: boolean;
  templates: MessageTemplate[];
  onPick(nodeId: string): void;
}) {
  // A wait appears once, when it wakes (the simulator also notes when it was planned).
  const shown = entries.filter((e, i) => {
    const kind = kindOf(e);
    if (kind === 'step' && !e.handle && e.type !== 'trigger') return false;
    if (kind !== 'wait') return true;
    const later = entries.slice(i + 1).find((x) => kindOf(x) !== 'event');
    return !(later && later.nodeId === e.nodeId && kindOf(later) === 'wait');
  });
  const sentenceOf = (nodeId: string): string => {
    const node = doc.nodes.find((n) => n.id === nodeId);
    return node ? nodeUi(node.type).sentence(node.data as never, { templates: [], varNames: [], trigger: doc.trigger }) : '';
  };
  const sends = entries.filter((e) => kindOf(e) === 'send' && !e.skipped && e.action?.status !== 'skipped');
  let lastDay = '';
  return (
    <div className="timeline">
      <p className="panel-note" data-testid="timeline-summary">
        {sends.length === 0 ? 'Nothing would be sent.' : `${sends.length} message${sends.length === 1 ? '' : 's'} would be sent.`}{' '}
        {offline && <span className="badge badge-neutral">simulated in the browser</span>}
      </p>
      <ol className="timeline-list" aria-label="Timeline">
        {shown.map((entry, i) => {
          const at = DateTime.fromISO(entry.at, { setZone: true }).setZone(zone);
          const day = at.toFormat('cccc d LLLL');
          const header = day !== lastDay ? day : null;
          lastDay = day;
          const kind = kindOf(entry);
          const skipped = entry.skipped || entry.action?.status === 'skipped';
          const title =
            kind === 'send'
              ? `${ACTION_VERBS[entry.action!.type]}: ${templateTitle(entry, templates) ?? stepName(doc, entry.nodeId)}`
              : kind === 'event'
                ? readableDetail(entry.detail, zone)
                : kind === 'action' && isNodeType(entry.type)
                  ? sentenceOf(entry.nodeId)
                  : stepName(doc, entry.nodeId);
          return (
            <li key={i} className={`timeline-item timeline-${kind}${skipped ? ' is-skipped' : ''}`} data-testid={`timeline-${kind}`}>
              {header && <div className="timeline-day">{header}</div>}
              <div className="timeline-row">
                <time className="timeline-time" dateTime={entry.at}>
                  {at.toFormat('HH:mm')}
                </time>
                <div className="timeline-body">
                  <button type="button" className="timeline-title" onClick={() => onPick(entry.nodeId)}>
                    {title}
                  </button>
                  {skipped && <span className="badge badge-warning">skipped</span>}
                  {kind === 'wait' && <div className="timeline-detail">{sentenceOf(entry.nodeId)}</div>}
                  {kind !== 'send' && kind !== 'event' && kind !== 'wait' && <div className="timeline-detail">{readableDetail(entry.detail, zone)}</div>}
                  {entry.rendered && (
                    <div className={`message-bubble message-${entry.rendered.channel}`}>
                      {entry.rendered.subject && <strong className="message-subject">{entry.rendered.subject}</strong>}
                      <p>{entry.rendered.body}</p>
                    </div>
                  )}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <p className="timeline-end">
        Ends: {endedBy.reason === 'horizon' ? 'still waiting at the end of the preview window' : `${endedBy.reason} — ${readableDetail(endedBy.detail, zone)}`}
      </p>
    </div>
  );
}
