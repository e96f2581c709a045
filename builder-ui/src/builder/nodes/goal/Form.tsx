import { ConditionBuilder } from '../../forms/ConditionBuilder';
import { errorAt } from '../../forms/issues';
import type { NodeFormProps } from '../types';

export function GoalForm({ data, errors, env, onChange }: NodeFormProps<'goal'>) {
  return (
    <>
      <ConditionBuilder label="The run stops once" value={data.rule} varNames={env.varNames} error={errorAt(errors, 'rule')} onChange={(rule) => onChange({ rule }, 'rule')} />
      <p className="field-hint">A goal has no edges: it is checked before every step and after every event.</p>
    </>
  );
}
