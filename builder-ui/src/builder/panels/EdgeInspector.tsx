import type { AutomationDefinition, AutomationEdge, ValidationProblem } from '../../automation/dsl';
import { exitsOf, handleOf } from '../graph/exits';
import { useEditorStore } from '../store/context';

const labelOf = (def: AutomationDefinition, id: string) => {
  const node = def.nodes.find((n) => n.id === id);
  return (typeof node?.data.label === 'string' && node.data.label) || id;
};

export function EdgeInspector({ edge, doc, problems }: { edge: AutomationEdge; doc: AutomationDefinition; problems: ValidationProblem[] }) {
  const store = useEditorStore();
  const source = doc.nodes.find((n) => n.id === edge.source);
  const exit = source ? exitsOf(source).find((x) => x.handle === handleOf(edge)) : undefined;
  return (
    <div className="inspector">
      <h2 className="inspector-title">Connection</h2>
      <p className="inspector-sentence">
        From <strong>{labelOf(doc, edge.source)}</strong> {exit && exit.handle !== 'next' ? <>(exit “{exit.label}”) </> : null}to{' '}
        <strong>{labelOf(doc, edge.target)}</strong>.
      </p>
      {problems.length > 0 && (
        <ul className="inspector-problems">
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-secondary btn-sm" onClick={() => store.getState().removeElements([], [edge.id])}>
        Delete connection
      </button>
    </div>
  );
}
