import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { automationKeys, restoreVersion, useAutomationVersions } from '../../api/automations';
import type { AutomationVersion } from '../../api/automation-types';
import { messageOf } from '../../api/errors';
import type { AutomationDefinition } from '../../automation/dsl';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/Alert';
import { Spinner } from '../../components/Spinner';
import { formatDateTime } from '../../format';
import { diffDefinitions, isEmptyDiff, summarizeDiff, type DefinitionDiff } from '../describe/diff';
import { nodeUi } from '../nodes/registry';
import { useEditorStore } from '../store/context';

function nodeName(node: AutomationDefinition['nodes'][number]): string {
  return (typeof node.data.label === 'string' && node.data.label) || `${nodeUi(node.type).title} (${node.id})`;
}

function DiffDetails({ diff }: { diff: DefinitionDiff }) {
  if (isEmptyDiff(diff)) return null;
  return (
    <ul className="diff-list">
      {diff.added.map((n) => (
        <li key={`a-${n.id}`} className="diff-added">
          + {nodeName(n)}
        </li>
      ))}
      {diff.removed.map((n) => (
        <li key={`r-${n.id}`} className="diff-removed">
          − {nodeName(n)}
        </li>
      ))}
      {diff.changed.map((c) => (
        <li key={`c-${c.after.id}`} className="diff-changed">
          ~ {nodeName(c.after)}: {c.fields.join(', ')}
        </li>
      ))}
    </ul>
  );
}

/** Published versions, what each changed, and restoring one as the draft. */
export function HistoryPanel({
  automationId,
  doc,
  publishedVersion,
  onRestored,
}: {
  automationId: string;
  doc: AutomationDefinition;
  publishedVersion: number | null;
  onRestored(version: number): void;
}) {
  const { tenant } = useSession();
  const store = useEditorStore();
  const queryClient = useQueryClient();
  const versions = useAutomationVersions(automationId);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (versions.isPending) return <Spinner label="Loading versions" />;
  if (versions.isError) return <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />;
  const items: AutomationVersion[] = [...versions.data.items].sort((a, b) => b.version - a.version);
  if (items.length === 0) return <div className="panel-empty">Nothing published yet. Publishing saves a version here.</div>;
  const latest = items[0]!;
  const draftDiff = diffDefinitions(latest.definition, doc);

  const restore = async (version: number) => {
    setBusy(version);
    setError(null);
    try {
      const automation = await restoreVersion(automationId, version);
      store.getState().replaceDoc(automation.draft);
      await queryClient.invalidateQueries({ queryKey: automationKeys.detail(automationId) });
      onRestored(version);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="history">
      <section className="history-draft" aria-label="Draft changes">
        <h3 className="inspector-subtitle">Draft since v{latest.version}</h3>
        <p className="panel-note">{summarizeDiff(draftDiff)}</p>
        <DiffDetails diff={draftDiff} />
      </section>
      {error && <p className="field-error">{error}</p>}
      <ol className="version-list" aria-label="Versions">
        {items.map((item, i) => {
          const previous = items[i + 1];
          const diff = previous ? diffDefinitions(previous.definition, item.definition) : null;
          return (
            <li key={item.id} className="version-item">
              <div className="version-head">
                <strong>v{item.version}</strong>
                {item.version === publishedVersion && <span className="badge badge-success">live</span>}
                <span className="muted">{formatDateTime(item.publishedAt, tenant.timezone)}</span>
              </div>
              <p className="version-summary">{diff ? summarizeDiff(diff) : `first version: ${item.definition.nodes.length} steps`}</p>
              {diff && <DiffDetails diff={diff} />}
              <button type="button" className="btn btn-secondary btn-sm" disabled={busy !== null} onClick={() => void restore(item.version)}>
                {busy === item.version ? <Spinner size="sm" label="Restoring…" /> : `Restore v${item.version} as draft`}
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
