import { TextField } from '../../../components/Field';
import { JsonField } from '../../forms/JsonField';
import type { NodeFormProps } from '../types';

export function SetVariableForm({ data, errors, onChange }: NodeFormProps<'setVariable'>) {
  return (
    <>
      <TextField
        label="Variable name"
        value={data.name ?? ''}
        hint={data.name ? `Read it later as vars.${data.name}` : undefined}
        error={errors.name}
        onChange={(e) => onChange({ name: e.target.value }, 'name')}
      />
      <JsonField
        label="Value (JSON)"
        value={data.value}
        rows={3}
        hint='A literal (true, 3, "text") or a JSON Logic expression over the context.'
        error={errors.value}
        onChange={(value) => onChange({ value }, 'value')}
      />
    </>
  );
}
