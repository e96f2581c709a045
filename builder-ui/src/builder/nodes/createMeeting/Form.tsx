import { SelectField } from '../../../components/Field';
import type { NodeFormProps } from '../types';
import { PROVIDERS } from './card';

export function CreateMeetingForm({ data, errors, onChange }: NodeFormProps<'createMeeting'>) {
  return (
    <SelectField label="Provider" value={data.provider ?? ''} error={errors.provider} onChange={(e) => onChange({ provider: e.target.value || undefined }, 'provider')}>
      <option value="">the business default</option>
      {Object.entries(PROVIDERS).map(([value, name]) => (
        <option key={value} value={value}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
