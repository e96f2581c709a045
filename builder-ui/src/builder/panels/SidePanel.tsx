import { useEffect, useState } from 'react';
import type { MessageTemplate } from '../../api/automation-types';
import type { AutomationDefinition, ValidationProblem } from '../../automation/dsl';
import type { NodeEnv } from '../nodes/types';
import { useEditor } from '../store/context';
import { TimelinePanel } from '../timeline/TimelinePanel';
import { AutomationInspector } from './AutomationInspector';
import { EdgeInspector } from './EdgeInspector';
import { HistoryPanel } from './HistoryPanel';
import { NodeInspector } from './NodeInspector';
import { ProblemsPanel } from './ProblemsPanel';

type Tab = 'step' | 'problems' | 'preview' | 'history';

export function SidePanel({
  tab,
  onTab,
  automationId,
  doc,
  env,
  templates,
  problems,
  checkedByServer,
  publishedVersion,
  onRestored,
}: {
  tab: Tab;
  onTab(tab: Tab): void;
  automationId: string;
  doc: AutomationDefinition;
  env: NodeEnv;
  templates: MessageTemplate[];
  problems: ValidationProblem[];
  checkedByServer: boolean;
  publishedVersion: number | null;
  onRestored(version: number): void;
}) {
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const node = selectedNodeIds.length === 1 ? doc.nodes.find((n) => n.id === selectedNodeIds[0]) : undefined;
  const edge = !node && selectedEdgeIds.length === 1 ? doc.edges.find((e) => e.id === selectedEdgeIds[0]) : undefined;
  const tabs: Array<[Tab, string]> = [
    ['step', node ? 'Step' : edge ? 'Connection' : 'Settings'],
    ['problems', `Problems${problems.length ? ` (${problems.length})` : ''}`],
    ['preview', 'Preview'],
    ['history', 'History'],
  ];
  const triggerId = doc.nodes.find((n) => n.type === 'trigger')?.id;
  // On narrow screens the panel is a drawer over the canvas (builder.css); selecting a step opens it.
  const [drawerOpen, setDrawerOpen] = useState(true);
  const selectionKey = `${selectedNodeIds.join()}|${selectedEdgeIds.join()}`;
  useEffect(() => {
    if (selectionKey !== '|') setDrawerOpen(true);
  }, [selectionKey]);

  return (
    <aside className={`editor-side${drawerOpen ? '' : ' is-collapsed'}`} aria-label="Details">
      <button
        type="button"
        className="side-drawer-toggle"
        aria-expanded={drawerOpen}
        aria-label={drawerOpen ? 'Hide details panel' : 'Show details panel'}
        title={drawerOpen ? 'Hide details panel' : 'Show details panel'}
        onClick={() => setDrawerOpen((open) => !open)}
      >
        <span aria-hidden="true">{drawerOpen ? '\u203a' : '\u2039'}</span>
      </button>
      <div className="side-tabs" role="tablist" aria-label="Panels">
        {tabs.map(([key, label]) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            className={`side-tab${tab === key ? ' is-active' : ''}${key === 'problems' && problems.length ? ' has-problems' : ''}`}
            onClick={() => onTab(key)}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'step' &&
          (node ? (
            <NodeInspector
              key={node.id}
              node={node}
              env={env}
              problems={problems.filter((p) => p.nodeId === node.id || (node.id === triggerId && !p.nodeId && p.path?.startsWith('trigger')))}
            />
          ) : edge ? (
            <EdgeInspector edge={edge} doc={doc} problems={problems.filter((p) => p.edgeId === edge.id)} />
          ) : (
            <AutomationInspector />
          ))}
        {tab === 'problems' && <ProblemsPanel doc={doc} problems={problems} checkedByServer={checkedByServer} onJump={() => onTab('step')} />}
        {tab === 'preview' && <TimelinePanel automationId={automationId} doc={doc} templates={templates} />}
        {tab === 'history' && <HistoryPanel automationId={automationId} doc={doc} publishedVersion={publishedVersion} onRestored={onRestored} />}
      </div>
    </aside>
  );
}
