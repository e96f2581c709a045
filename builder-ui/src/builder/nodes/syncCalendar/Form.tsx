import { SelectField } from '../../../components/Field';
import type { NodeFormProps } from '../types';

export function SyncCalendarForm({ data, errors, onChange }: NodeFormProps<'syncCalendar'>) {
  return (
    <SelectField label="Calendar" value={data.operation ?? 'upsert'} error={errors.operation} onChange={(e) => onChange({ operation: e.target.value }, 'operation')}>
      <option value="upsert">add or update the event</option>
      <option value="delete">remove the event</option>
    </SelectField>
  );
}
