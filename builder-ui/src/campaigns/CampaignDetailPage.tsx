import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '../components/Alert';
import { ArrowLeftIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { type CampaignProgress, type VariantResult, useCampaign, useCampaignAction, useCampaignReport } from './campaigns-api';
import './campaigns.css';

const STAGES: Array<[keyof CampaignProgress, string]> = [
  ['audience', 'Audience'],
  ['queued', 'Queued'],
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['failed', 'Failed'],
  ['optedOut', 'Opted out'],
  ['clicked', 'Clicked'],
];

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const money = (cents: number) => (cents / 100).toFixed(2);

function ResultsTable({ rows }: { rows: VariantResult[] }) {
  return (
    <table className="table">
      <thead>
        <tr><th>Variant</th><th className="num">Recipients</th><th className="num">Sent</th><th className="num">Delivered</th><th className="num">Clicks</th><th className="num">Bookings</th><th className="num">Revenue</th><th className="num">Cost</th><th className="num">ROI</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.variant ?? 'total'}>
            <td className="strong">{r.variant ?? 'Total'}</td>
            <td className="num">{r.recipients}</td>
            <td className="num">{r.sent}</td>
            <td className="num">{r.delivered} ({pct(r.deliveryRate)})</td>
            <td className="num">{r.clicked} ({pct(r.clickRate)})</td>
            <td className="num">{r.bookings} ({pct(r.bookingRate)})</td>
            <td className="num">{money(r.revenueCents)}</td>
            <td className="num">{money(r.costCents)}</td>
            <td className="num">{r.roi === null ? '—' : `${r.roi.toFixed(2)}×`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/campaigns/:id`: live progress, pause/resume/cancel, the A/B winner and the results per variant. */
export function CampaignDetailPage() {
  const id = useParams().id as string;
  const campaign = useCampaign(id);
  const report = useCampaignReport(id);
  const action = useCampaignAction(id);
  const c = campaign.data;
  if (campaign.isPending) return <Spinner label="Loading campaign" />;
  if (!c) return <ErrorAlert error={campaign.error} />;
  const progress = c.progress;
  const awaitingWinner = c.workflow?.state === 'awaitingWinner';
  // A winner is only chosen for an A/B test that keeps part of the audience for it, while that part is unsent.
  const winnerPending = !c.winnerVariant && !!c.abTest && c.abTest.testPercent < 100 && ['scheduled', 'running', 'paused'].includes(c.status);

  return (
    <>
      <PageHeader
        title={c.name}
        back={<Link to="/campaigns" className="back-link"><ArrowLeftIcon width={16} height={16} />Campaigns</Link>}
        subtitle={<span className={`badge campaign-status-${c.status}`}>{awaitingWinner ? 'waiting for the A/B winner' : c.status}</span>}
        actions={
          <>
            {c.status === 'draft' && <button type="button" className="btn btn-primary" onClick={() => action.mutate({ kind: 'launch' })}>Send now</button>}
            {(c.status === 'running' || c.status === 'scheduled') && <button type="button" className="btn btn-secondary" onClick={() => action.mutate({ kind: 'pause' })}>Pause</button>}
            {c.status === 'paused' && <button type="button" className="btn btn-primary" onClick={() => action.mutate({ kind: 'resume' })}>Resume</button>}
            {['running', 'scheduled', 'paused'].includes(c.status) && (
              <button type="button" className="btn btn-ghost btn-danger-text" onClick={() => window.confirm('Cancel the campaign? Nobody else will get it.') && action.mutate({ kind: 'cancel' })}>Cancel</button>
            )}
          </>
        }
      />
      {action.error && <ErrorAlert error={action.error} />}
      {progress && (
        <section className="campaign-progress" aria-label="Progress" aria-live="polite">
          {STAGES.map(([key, label]) => (
            <div key={key} className="card card-padded campaign-figure" data-testid={`campaign-figure-${key}`}>
              <div className="campaign-figure-value">{progress[key]}</div>
              <div className="campaign-figure-label">{label}</div>
            </div>
          ))}
          <div className="campaign-bar" role="progressbar" aria-valuemin={0} aria-valuemax={progress.audience} aria-valuenow={progress.audience - progress.queued}>
            <div style={{ width: `${progress.audience ? ((progress.audience - progress.queued) / progress.audience) * 100 : 0}%` }} />
          </div>
          {progress.held > 0 && <p className="field-hint">{progress.held} held for quiet hours{c.workflow?.nextDueAt ? `, next at ${new Date(c.workflow.nextDueAt).toLocaleString()}` : ''}.</p>}
        </section>
      )}
      {report.data && (
        <section className="card card-padded" aria-label="Results">
          <h2 className="card-title">Results {c.winnerVariant ? `— winner: ${c.winnerVariant}` : ''}</h2>
          <ResultsTable rows={[...report.data.variants, report.data.total]} />
          {winnerPending && report.data.variants.length > 1 && (
            <div className="campaign-actions">
              {report.data.variants.map((v) => (
                <button key={v.variant} type="button" className="btn btn-secondary btn-sm" onClick={() => action.mutate({ kind: 'winner', variant: v.variant as string })}>
                  Choose {v.variant} as winner
                </button>
              ))}
            </div>
          )}
          <p className="field-hint">Bookings count when the recipient booked within {c.attributionDays} days of their message. Cost is the provider's price.</p>
        </section>
      )}
    </>
  );
}
