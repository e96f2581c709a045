import { TextField } from '../../../components/Field';
import type { NodeFormProps } from '../types';

export function NotifyWaitlistForm({ data, errors, onChange }: NodeFormProps<'notifyWaitlist'>) {
  return (
    <TextField
      label="People to notify"
      type="number"
      min={1}
      max={100}
      value={data.limit ?? ''}
      hint="Empty: the business default."
      error={errors.limit}
      onChange={(e) => onChange({ limit: e.target.value === '' ? undefined : Number(e.target.value) }, 'limit')}
    />
  );
}
