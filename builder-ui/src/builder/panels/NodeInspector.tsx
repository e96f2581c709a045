import { useMemo, type ComponentType } from 'react';
import type { AutomationNode, ValidationProblem } from '../../automation/dsl';
import { TextField } from '../../components/Field';
import { dataIssues, problemFieldErrors } from '../forms/issues';
import { TextAreaField } from '../forms/TextAreaField';
import { nodeUi } from '../nodes/registry';
import type { NodeEnv, NodeFormProps } from '../nodes/types';
import { useEditorStore } from '../store/context';

/** The form of the selected step: its label, then the fields of its type (checked by its zod schema). */
export function NodeInspector({ node, env, problems }: { node: AutomationNode; env: NodeEnv; problems: ValidationProblem[] }) {
  const store = useEditorStore();
  const ui = nodeUi(node.type);
  const Form = ui.Form as ComponentType<NodeFormProps<typeof node.type>>;
  const data = node.data as Record<string, unknown>;
  const errors = useMemo(() => ({ ...problemFieldErrors(problems), ...dataIssues(node.type, node.data) }), [node, problems]);
  const graphProblems = problems.filter((p) => !p.path || !/\.data\./.test(p.path));
  const onChange = (patch: Record<string, unknown>, field: string) => store.getState().updateNodeData(node.id, patch, field);
  const Icon = ui.icon;

  return (
    <div className="inspector" data-testid="node-inspector">
      <header className="inspector-head">
        <span className={`palette-item-icon palette-icon-${ui.group.toLowerCase()}`} aria-hidden="true">
          <Icon width={16} height={16} />
        </span>
        <div>
          <h2 className="inspector-title">{ui.title}</h2>
          <p className="inspector-sentence">{ui.sentence(node.data as never, env)}</p>
        </div>
      </header>
      {graphProblems.length > 0 && (
        <ul className="inspector-problems" aria-label="Problems with this step">
          {graphProblems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <form className="form inspector-form" aria-label={`${ui.title} settings`} onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Label"
          value={typeof data.label === 'string' ? data.label : ''}
          placeholder={ui.title}
          hint={`Shown on the card. The step's id stays “${node.id}”, so renaming breaks nothing.`}
          error={errors.label}
          onChange={(e) => onChange({ label: e.target.value || undefined }, 'label')}
        />
        <Form
          nodeId={node.id}
          data={node.data as never}
          errors={errors}
          env={env}
          onChange={onChange}
          onTriggerChange={(trigger, field) => store.getState().setTrigger(trigger, field)}
        />
        <TextAreaField
          label="Notes"
          rows={2}
          value={typeof data.description === 'string' ? data.description : ''}
          error={errors.description}
          onChange={(e) => onChange({ description: e.target.value || undefined }, 'description')}
        />
        {errors[''] && <p className="field-error">{errors['']}</p>}
      </form>
      <footer className="inspector-foot">
        <code className="muted">id: {node.id}</code>
        <button type="button" className="btn btn-ghost btn-sm btn-danger-text" onClick={() => store.getState().removeElements([node.id], [])}>
          Delete step
        </button>
      </footer>
    </div>
  );
}
