import { TextField } from '../../../components/Field';
import type { NodeFormProps } from '../types';

export function RemoveTagForm({ data, errors, onChange }: NodeFormProps<'removeTag'>) {
  return <TextField label="Tag" value={data.tag ?? ''} error={errors.tag} onChange={(e) => onChange({ tag: e.target.value }, 'tag')} />;
}
