import { useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { automationKeys, publishAutomation, useAutomation } from '../api/automations';
import { useExecutionList } from '../api/executions';
import type { Automation } from '../api/automation-types';
import { ApiError, messageOf } from '../api/errors';
import { useMessageTemplates } from '../api/templates';
import type { AutomationDefinition, NodeType, ValidationProblem } from '../automation/dsl';
import { ErrorAlert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { FullPageSpinner } from '../components/Spinner';
import { EditorCanvas } from './canvas/EditorCanvas';
import { EditorToolbar } from './EditorToolbar';
import type { NodeOverlay } from './graph/to-flow';
import { exitsOf, handleOf } from './graph/exits';
import { DEFAULT_NODE_SIZE } from './graph/layout';
import { useDraftSync } from './hooks/useDraftSync';
import { useShortcuts } from './hooks/useShortcuts';
import { exportDefinition, parseImport } from './io';
import type { NodeEnv } from './nodes/types';
import { Palette } from './palette/Palette';
import { SidePanel } from './panels/SidePanel';
import { EditorStoreContext, useEditor } from './store/context';
import { createEditorStore, EMPTY_DEFINITION, type EditorStore } from './store/editor-store';

/** A draft saved by an older client or by hand may miss parts; the editor needs the whole shape. */
function editableDraft(automation: Automation): AutomationDefinition {
  const draft = (automation.draft ?? {}) as Partial<AutomationDefinition>;
  return {
    ...EMPTY_DEFINITION,
    ...draft,
    name: draft.name || automation.name,
    trigger: draft.trigger ?? { event: (automation.triggerEvent as AutomationDefinition['trigger']['event']) || 'appointment.booked' },
    nodes: Array.isArray(draft.nodes) ? draft.nodes : [],
    edges: Array.isArray(draft.edges) ? draft.edges : [],
  };
}

export function EditorPage() {
  const { id = '' } = useParams();
  const automation = useAutomation(id);
  if (automation.isPending) return <FullPageSpinner label="Opening the automation" />;
  if (automation.isError) {
    return (
      <>
        <PageHeader title="Automation" />
        <ErrorAlert error={automation.error} onRetry={() => void automation.refetch()} />
      </>
    );
  }
  return <LoadedEditor key={automation.data.id} automation={automation.data} />;
}

function LoadedEditor({ automation }: { automation: Automation }) {
  const [store] = useState<EditorStore>(() => createEditorStore(editableDraft(automation)));
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Editor automationId={automation.id} store={store} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

/** Runs sampled for the per-step counts (the newest ones). */
const RUN_COUNT_SAMPLE = 100;

type Notice = { tone: 'success' | 'error' | 'info'; text: string } | null;

function Editor({ automationId, store }: { automationId: string; store: EditorStore }) {
  const queryClient = useQueryClient();
  const flow = useReactFlow();
  const live = useAutomation(automationId).data;
  const templatesQuery = useMessageTemplates();
  const templates = useMemo(() => templatesQuery.data?.items ?? [], [templatesQuery.data]);
  const templateIds = useMemo(() => (templatesQuery.isSuccess ? templates.map((t) => t.key) : undefined), [templatesQuery.isSuccess, templates]);
  const sync = useDraftSync(automationId, store, templateIds);
  const doc = useEditor((s) => s.doc);
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const [notice, setNotice] = useState<Notice>(null);
  const [publishing, setPublishing] = useState(false);
  const [tab, setTab] = useState<'step' | 'problems' | 'preview' | 'history'>('step');
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [showCounts, setShowCounts] = useState(false);
  const runs = useExecutionList({ automationId }, { limit: RUN_COUNT_SAMPLE, poll: showCounts, enabled: showCounts });
  useShortcuts(store);

  // Drop-off: how many of the latest runs reached each step.
  const counts = useMemo(() => {
    if (!showCounts || !runs.data) return undefined;
    const out: Record<string, NodeOverlay> = {};
    for (const run of runs.data.items) for (const nodeId of new Set(run.path)) out[nodeId] = { count: (out[nodeId]?.count ?? 0) + 1 };
    return out;
  }, [showCounts, runs.data]);

  const say = useCallback((next: Notice) => {
    setNotice(next);
    if (noticeTimer.current) clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(null), 6000);
  }, []);

  useEffect(() => {
    document.title = `${doc.name} · Appointflow`;
  }, [doc.name]);

  // Selecting a step shows its form (the preview keeps its place).
  const selectionKey = selectedNodeIds.join();
  useEffect(() => {
    if (selectionKey) setTab((t) => (t === 'preview' ? t : 'step'));
  }, [selectionKey]);

  const varKey = doc.nodes
    .flatMap((n) => (n.type === 'setVariable' && typeof n.data.name === 'string' && n.data.name ? [n.data.name] : []))
    .join('\u0000');
  const env = useMemo<NodeEnv>(() => ({ templates, varNames: varKey ? varKey.split('\u0000') : [], trigger: doc.trigger }), [templates, varKey, doc.trigger]);

  const onRefused = useCallback((message: string) => say({ tone: 'error', text: message }), [say]);

  /** Palette click (or Enter): the step goes below the selected one, wired from its first free exit. */
  const addFromPalette = (type: NodeType) => {
    const s = store.getState();
    const from = s.doc.nodes.find((n) => n.id === s.selectedNodeIds[s.selectedNodeIds.length - 1]);
    let position;
    let link: { source: string; handle: string } | undefined;
    if (from) {
      const wired = new Set(s.doc.edges.filter((e) => e.source === from.id).map(handleOf));
      const free = exitsOf(from).find((x) => !x.optional && !wired.has(x.handle));
      if (free) link = { source: from.id, handle: free.handle };
      position = { x: from.position.x, y: from.position.y + (s.measured[from.id]?.height ?? DEFAULT_NODE_SIZE.height) + 60 };
    } else {
      const el = document.querySelector('.flow-canvas');
      const box = el?.getBoundingClientRect();
      const center = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
      position = { x: center.x - DEFAULT_NODE_SIZE.width / 2, y: center.y - DEFAULT_NODE_SIZE.height / 2 };
    }
    const id = s.addNode(type, position, link);
    if (id === null) say({ tone: 'error', text: 'An automation has exactly one trigger.' });
    else s.requestFocus({ nodeId: id });
  };

  const publish = async () => {
    setPublishing(true);
    try {
      if (!(await sync.flush())) {
        say({ tone: 'error', text: 'The draft could not be saved, so it was not published.' });
        return;
      }
      const result = await publishAutomation(automationId);
      say({ tone: 'success', text: `Published version ${result.version}. New runs use it; runs in flight keep their version.` });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: automationKeys.detail(automationId) }),
        queryClient.invalidateQueries({ queryKey: automationKeys.versions(automationId) }),
        queryClient.invalidateQueries({ queryKey: ['automations', 'list'] }),
      ]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.details)) {
        sync.setServerProblems(store.getState().doc, error.details as ValidationProblem[]);
        setTab('problems');
      }
      say({ tone: 'error', text: messageOf(error) });
    } finally {
      setPublishing(false);
    }
  };

  const onImport = (text: string) => {
    const result = parseImport(text);
    if (!result.ok) {
      say({ tone: 'error', text: result.message });
      return;
    }
    store.getState().replaceDoc(result.definition);
    say({ tone: 'info', text: result.warnings ? `Imported with ${result.warnings} problem(s) to fix. Undo restores the previous draft.` : 'Imported. Undo restores the previous draft.' });
    setTimeout(() => void flow.fitView({ padding: 0.2 }), 50);
  };

  return (
    <div className="editor-page">
      <EditorToolbar
        status={live?.status ?? 'draft'}
        publishedVersion={live?.publishedVersion ?? null}
        saveState={sync.saveState}
        saveError={sync.saveError}
        problemCount={sync.problems.length}
        publishing={publishing}
        onPublish={() => void publish()}
        onExport={() => exportDefinition(store.getState().doc)}
        onImport={onImport}
        counts={{
          shown: showCounts,
          toggle: () => setShowCounts((v) => !v),
          runs: runs.data ? runs.data.items.length : null,
        }}
      />
      {notice && (
        <div className={`editor-notice alert alert-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
          <button type="button" className="btn btn-link alert-action" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}
      <div className="editor-body">
        <Palette onAdd={addFromPalette} hasTrigger={doc.nodes.some((n) => n.type === 'trigger')} />
        <div className="editor-canvas">
          <EditorCanvas env={env} problems={sync.problems} overlays={counts} onRefused={onRefused} onNodeClick={() => setTab((t) => (t === 'preview' ? t : 'step'))} />
        </div>
        <SidePanel
          tab={tab}
          onTab={setTab}
          automationId={automationId}
          doc={doc}
          env={env}
          templates={templates}
          problems={sync.problems}
          checkedByServer={sync.checkedByServer}
          publishedVersion={live?.publishedVersion ?? null}
          onRestored={(version) => say({ tone: 'info', text: `Version ${version} is the draft again. Undo brings back what you had.` })}
        />
      </div>
    </div>
  );
}
