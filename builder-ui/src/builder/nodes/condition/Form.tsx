import { ConditionBuilder } from '../../forms/ConditionBuilder';
import { errorAt } from '../../forms/issues';
import type { NodeFormProps } from '../types';

export function ConditionForm({ data, errors, env, onChange }: NodeFormProps<'condition'>) {
  return (
    <>
      <ConditionBuilder label="Take the Yes exit if" value={data.rule} varNames={env.varNames} error={errorAt(errors, 'rule')} onChange={(rule) => onChange({ rule }, 'rule')} />
      <p className="field-hint">Otherwise the run takes the No exit.</p>
    </>
  );
}
