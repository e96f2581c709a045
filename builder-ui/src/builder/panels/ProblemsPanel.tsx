import type { AutomationDefinition, ValidationProblem } from '../../automation/dsl';
import { nodeUi } from '../nodes/registry';
import { useEditorStore } from '../store/context';

function where(doc: AutomationDefinition, problem: ValidationProblem): string {
  const node = problem.nodeId ? doc.nodes.find((n) => n.id === problem.nodeId) : undefined;
  if (node) return (typeof node.data.label === 'string' && node.data.label) || nodeUi(node.type).title;
  if (problem.edgeId) return 'Connection';
  if (problem.path?.startsWith('trigger')) return 'Trigger';
  return 'Automation';
}

/** Every problem, each a button that selects and shows the step or connection it names. */
export function ProblemsPanel({
  doc,
  problems,
  checkedByServer,
  onJump,
}: {
  doc: AutomationDefinition;
  problems: ValidationProblem[];
  checkedByServer: boolean;
  /** After selecting what a problem names: show its form. */
  onJump(): void;
}) {
  const store = useEditorStore();
  if (problems.length === 0) {
    return (
      <div className="panel-empty" role="status">
        <strong>No problems.</strong> {checkedByServer ? 'The server checked this draft: it can be published.' : 'Checking with the server…'}
      </div>
    );
  }
  return (
    <div>
      <p className="panel-note">
        {problems.length} problem{problems.length === 1 ? '' : 's'} to fix before publishing{checkedByServer ? ' (checked by the server)' : ''}.
      </p>
      <ul className="problem-list" aria-label="Problems">
        {problems.map((problem, i) => (
          <li key={i}>
            <button
              type="button"
              className="problem-item"
              onClick={() => {
                const s = store.getState();
                if (problem.nodeId) s.select([problem.nodeId], []);
                else if (problem.edgeId) s.select([], [problem.edgeId]);
                s.requestFocus({ nodeId: problem.nodeId, edgeId: problem.edgeId });
                if (problem.nodeId || problem.edgeId) onJump();
              }}
            >
              <span className="problem-where">{where(doc, problem)}</span>
              <span className="problem-message">{problem.message}</span>
              <code className="problem-code">{problem.code}</code>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
