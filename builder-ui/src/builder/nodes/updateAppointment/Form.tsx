import { APPOINTMENT_STATUSES } from '../../../automation/dsl';
import { SelectField, TextField } from '../../../components/Field';
import type { NodeFormProps } from '../types';

export function UpdateAppointmentForm({ data, errors, onChange }: NodeFormProps<'updateAppointment'>) {
  return (
    <>
      <SelectField label="New status" value={data.status ?? ''} error={errors.status} onChange={(e) => onChange({ status: e.target.value || undefined }, 'status')}>
        <option value="">Choose…</option>
        {APPOINTMENT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status.replace(/_/g, ' ')}
          </option>
        ))}
      </SelectField>
      <TextField label="Reason (optional)" value={data.reason ?? ''} error={errors.reason} onChange={(e) => onChange({ reason: e.target.value || undefined }, 'reason')} />
    </>
  );
}
