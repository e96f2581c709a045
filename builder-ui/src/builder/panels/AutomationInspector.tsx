import { TextField } from '../../components/Field';
import { TextAreaField } from '../forms/TextAreaField';
import { SHORTCUTS } from '../hooks/useShortcuts';
import { useEditor, useEditorStore } from '../store/context';

/** With nothing selected: the automation's name and description, and the shortcuts. */
export function AutomationInspector() {
  const store = useEditorStore();
  const name = useEditor((s) => s.doc.name);
  const description = useEditor((s) => s.doc.description ?? '');
  const counts = useEditor((s) => `${s.doc.nodes.length} steps, ${s.doc.edges.length} connections`);
  return (
    <div className="inspector">
      <h2 className="inspector-title">Automation</h2>
      <p className="inspector-sentence">{counts}. Select a step to edit it.</p>
      <div className="form">
        <TextField label="Name" value={name} onChange={(e) => store.getState().setName(e.target.value)} />
        <TextAreaField label="Description" rows={3} value={description} onChange={(e) => store.getState().setDescription(e.target.value)} />
      </div>
      <h3 className="inspector-subtitle">Keyboard</h3>
      <dl className="shortcut-list">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
