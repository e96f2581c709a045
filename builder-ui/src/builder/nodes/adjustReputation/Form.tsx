import { TextField } from '../../../components/Field';
import type { NodeFormProps } from '../types';

export function AdjustReputationForm({ data, errors, onChange }: NodeFormProps<'adjustReputation'>) {
  return (
    <>
      <TextField
        label="Change"
        type="number"
        min={-100}
        max={100}
        value={data.delta ?? ''}
        hint="Negative lowers the score (0–100), positive raises it."
        error={errors.delta}
        onChange={(e) => onChange({ delta: e.target.value === '' ? undefined : Number(e.target.value) }, 'delta')}
      />
      <TextField label="Reason" value={data.reason ?? ''} error={errors.reason} onChange={(e) => onChange({ reason: e.target.value }, 'reason')} />
    </>
  );
}
