import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useExecution, useExecutionAction } from '../../api/executions';
import type { ExecutionDetail, ExecutionStep } from '../../api/automation-types';
import { useMessageTemplates } from '../../api/templates';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/Alert';
import { ArrowLeftIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { FullPageSpinner, Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../format';
import type { NodeEnv } from '../../builder/nodes/types';
import { nodeUi } from '../../builder/nodes/registry';
import { isNodeType, type AutomationDefinition } from '../../automation/dsl';
import { RunStatusBadge } from '../automations/StatusBadge';
import { RunCanvas } from './RunCanvas';
import { runOverlay, temporalUiUrl } from './run-overlay';
import { StepList } from './StepList';

function stepLabel(definition: AutomationDefinition | null, nodeId: string, nodeType: string): string {
  const node = definition?.nodes.find((n) => n.id === nodeId);
  const label = node && typeof node.data.label === 'string' ? node.data.label : '';
  return label || (isNodeType(nodeType) ? nodeUi(nodeType).title : nodeType);
}

export function ExecutionDetailPage() {
  const { id = '' } = useParams();
  const run = useExecution(id);
  if (run.isPending) return <FullPageSpinner label="Loading the run" />;
  if (run.isError) {
    return (
      <>
        <PageHeader title="Run" back={<BackLink />} />
        <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />
      </>
    );
  }
  return <RunView run={run.data} />;
}

function BackLink() {
  return (
    <Link to="/executions" className="back-link">
      <ArrowLeftIcon width={16} height={16} /> Executions
    </Link>
  );
}

function RunView({ run }: { run: ExecutionDetail }) {
  const { tenant } = useSession();
  const action = useExecutionAction();
  const templates = useMessageTemplates().data?.items;
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ nodeId?: string; nonce: number } | null>(null);
  const fmt = (iso: string | null | undefined) => formatDateTime(iso, tenant.timezone);
  const { overlays, takenEdgeIds, focusNodeId } = useMemo(() => runOverlay(run, (iso) => formatDateTime(iso, tenant.timezone)), [run, tenant.timezone]);
  const env = useMemo<NodeEnv>(
    () => ({ templates: templates ?? [], varNames: [], trigger: run.definition?.trigger ?? { event: 'manual' } }),
    [templates, run.definition],
  );
  const live = run.status === 'running' || run.status === 'waiting';

  // Open on where the run stands: the waiting step, or the one that failed.
  useEffect(() => {
    if (focusNodeId) {
      setSelected(focusNodeId);
      setFocus((f) => ({ nodeId: focusNodeId, nonce: (f?.nonce ?? 0) + 1 }));
    }
  }, [focusNodeId]);

  const steps: ExecutionStep[] = [...run.steps].sort((a, b) => a.sequence - b.sequence);
  return (
    <div className="run-page">
      <PageHeader
        back={<BackLink />}
        title={`${run.automationName ?? 'Automation'} · v${run.version}`}
        subtitle={
          <span className="run-subtitle">
            <RunStatusBadge status={run.status} /> started {fmt(run.startedAt)}
            {run.endedAt && <> · ended {fmt(run.endedAt)}</>}
            {run.endReason && <> · {run.endReason}</>}
          </span>
        }
        actions={
          <>
            <a className="btn btn-ghost" href={temporalUiUrl(run.workflowId)} target="_blank" rel="noreferrer">
              Open in Temporal
            </a>
            {live && (
              <button
                type="button"
                className="btn btn-secondary"
                disabled={action.isPending}
                onClick={() => window.confirm('Cancel this run? Nothing more will be sent.') && action.mutate({ id: run.id, action: 'cancel' })}
              >
                Cancel run
              </button>
            )}
            {run.status === 'failed' && (
              <button type="button" className="btn btn-primary" disabled={action.isPending} onClick={() => action.mutate({ id: run.id, action: 'retry' })}>
                {action.isPending ? <Spinner size="sm" label="Retrying…" /> : 'Retry from the failed step'}
              </button>
            )}
          </>
        }
      />
      {action.isError && <ErrorAlert error={action.error} />}
      {action.isSuccess && (
        <div className="alert alert-success" role="status">
          {action.variables?.action === 'cancel' ? 'Cancel requested.' : 'Retry requested.'} The status updates in a few seconds.
        </div>
      )}
      <dl className="run-facts">
        <div>
          <dt>Trigger</dt>
          <dd>{run.triggerEvent}</dd>
        </div>
        <div>
          <dt>{live ? 'Waiting at' : 'Last step'}</dt>
          <dd data-testid="run-current">{run.currentNodeId ? stepLabel(run.definition, run.currentNodeId, '') || run.currentNodeId : '—'}</dd>
        </div>
        <div>
          <dt>Next wake-up</dt>
          <dd data-testid="run-wake">{live && run.nextWakeAt ? fmt(run.nextWakeAt) : '—'}</dd>
        </div>
        <div>
          <dt>Appointment</dt>
          <dd>{run.appointmentId ? <Link to={`/executions?appointmentId=${run.appointmentId}`}>all its runs</Link> : '—'}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{run.customerId ? <Link to={`/customers/${run.customerId}`}>open</Link> : '—'}</dd>
        </div>
      </dl>
      {run.error && <ErrorAlert error={new Error(run.error)} title="The run failed" />}
      <div className="run-grid">
        <section className="card run-graph" aria-label="Path taken">
          {run.definition ? (
            <RunCanvas
              label="Run graph"
              definition={run.definition}
              overlays={overlays}
              takenEdgeIds={takenEdgeIds}
              selectedNodeId={selected}
              onSelect={setSelected}
              focus={focus}
              env={env}
            />
          ) : (
            <p className="card-section muted">The version this run used is no longer available.</p>
          )}
          <div className="run-legend" aria-hidden="true">
            <span className="legend legend-visited">taken</span>
            <span className="legend legend-current">waiting here</span>
            <span className="legend legend-skipped">skipped</span>
            <span className="legend legend-failed">failed</span>
          </div>
        </section>
        <section className="card run-steps" aria-label="Steps">
          <StepList
            steps={steps}
            messages={run.messages}
            selected={selected}
            onSelect={(nodeId) => {
              setSelected(nodeId);
              setFocus((f) => ({ nodeId, nonce: (f?.nonce ?? 0) + 1 }));
            }}
            label={(step) => stepLabel(run.definition, step.nodeId, step.nodeType)}
            format={fmt}
            live={live}
            currentNodeId={run.currentNodeId}
            nextWakeAt={run.nextWakeAt}
          />
        </section>
      </div>
    </div>
  );
}
