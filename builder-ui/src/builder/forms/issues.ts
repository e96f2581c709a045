import { NODE_SPECS, type NodeType, type ValidationProblem } from '../../automation/dsl';
import type { FieldErrors } from '../nodes/types';

/** The node's data checked against its zod schema, as field path → first message. */
export function dataIssues(type: NodeType, data: unknown): FieldErrors {
  const spec = NODE_SPECS[type];
  if (!spec) return { '': `Unknown node type “${type}”` };
  const result = spec.data.safeParse(data);
  const out: FieldErrors = {};
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Problems the validator pinned on a node's data ("nodes.3.data.duration") as field errors. */
export function problemFieldErrors(problems: ValidationProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const problem of problems) {
    const m = problem.path ? /^nodes\.\d+\.data\.?(.*)$/.exec(problem.path) : null;
    const key = m ? m[1]! : problem.path?.startsWith('trigger') ? problem.path.replace(/^trigger\.?/, 'trigger:') : null;
    if (key !== null && !(key in out)) out[key] = problem.message;
  }
  return out;
}

/** The first error at a path or under it ("variants" also reports "variants.1.id"). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return nested ? errors[nested] : undefined;
}
