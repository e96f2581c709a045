import { useReactFlow } from '@xyflow/react';
import { useRef } from 'react';
import { Link } from 'react-router-dom';
import type { AutomationStatus } from '../api/automation-types';
import { ArrowLeftIcon } from '../components/icons';
import { Spinner } from '../components/Spinner';
import type { SaveState } from './hooks/useDraftSync';
import { DownloadIcon, FitIcon, LayoutIcon, RedoIcon, UndoIcon, UploadIcon } from './node-icons';
import { useEditor, useEditorStore } from './store/context';
import { StatusBadge } from '../pages/automations/StatusBadge';

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'All changes saved',
  pending: 'Unsaved changes',
  saving: 'Saving…',
  error: 'Not saved',
};

export function EditorToolbar({
  status,
  publishedVersion,
  saveState,
  saveError,
  problemCount,
  publishing,
  onPublish,
  onExport,
  onImport,
  counts,
}: {
  status: AutomationStatus;
  publishedVersion: number | null;
  saveState: SaveState;
  saveError: string | null;
  problemCount: number;
  publishing: boolean;
  onPublish(): void;
  onExport(): void;
  onImport(text: string): void;
  /** Per-step run counts on the cards (where customers drop off). */
  counts: { shown: boolean; toggle(): void; runs: number | null };
}) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const file = useRef<HTMLInputElement>(null);
  const publishBlocked = problemCount > 0 || status === 'archived';

  return (
    <header className="editor-toolbar">
      <Link to="/automations" className="btn btn-ghost btn-sm" aria-label="Back to automations">
        <ArrowLeftIcon width={16} height={16} />
      </Link>
      <input className="editor-name" aria-label="Automation name" value={name} onChange={(e) => store.getState().setName(e.target.value)} />
      <StatusBadge status={status} />
      {publishedVersion !== null && <span className="muted editor-version">live: v{publishedVersion}</span>}
      <span className={`save-state save-${saveState}`} role="status" title={saveError ?? undefined} data-testid="save-state">
        {saveState === 'saving' && <Spinner size="sm" />}
        {SAVE_TEXT[saveState]}
        {saveError ? `: ${saveError}` : ''}
      </span>
      <div className="editor-toolbar-spacer" />
      <div className="toolbar-group" role="group" aria-label="Edit">
        <button type="button" className="btn btn-ghost btn-sm" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => store.getState().undo()}>
          <UndoIcon width={16} height={16} />
        </button>
        <button type="button" className="btn btn-ghost btn-sm" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={() => store.getState().redo()}>
          <RedoIcon width={16} height={16} />
        </button>
        <button type="button" className="btn btn-ghost btn-sm" aria-label="Auto layout" title="Auto layout (Shift+L)" onClick={() => {
          store.getState().layout();
          setTimeout(() => void flow.fitView({ padding: 0.2, duration: 250 }), 50);
        }}>
          <LayoutIcon width={16} height={16} />
        </button>
        <button type="button" className="btn btn-ghost btn-sm" aria-label="Fit view" title="Fit view (Shift+1)" onClick={() => void flow.fitView({ padding: 0.2, duration: 250 })}>
          <FitIcon width={16} height={16} />
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="Runs">
        <button
          type="button"
          className={`btn btn-ghost btn-sm${counts.shown ? ' is-pressed' : ''}`}
          aria-pressed={counts.shown}
          title="Show how many of the latest runs reached each step"
          onClick={counts.toggle}
        >
          Runs{counts.shown && counts.runs !== null ? `: ${counts.runs}` : ''}
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label="File">
        <button type="button" className="btn btn-ghost btn-sm" onClick={onExport} aria-label="Export JSON" title="Export: download the definition as JSON">
          <DownloadIcon width={16} height={16} />
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => file.current?.click()} aria-label="Import JSON" title="Import: replace the draft with a JSON file (undo brings it back)">
          <UploadIcon width={16} height={16} />
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          aria-label="Import a definition file"
          data-testid="import-file"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) onImport(await f.text());
          }}
        />
      </div>
      <button
        type="button"
        className="btn btn-primary"
        disabled={publishBlocked || publishing}
        title={problemCount > 0 ? `Fix ${problemCount} problem${problemCount === 1 ? '' : 's'} first` : status === 'archived' ? 'Archived automations cannot be published' : 'Publish this draft as a new version'}
        onClick={onPublish}
      >
        {publishing ? <Spinner size="sm" label="Publishing…" /> : 'Publish'}
      </button>
    </header>
  );
}
