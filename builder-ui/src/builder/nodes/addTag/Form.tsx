import { TextField } from '../../../components/Field';
import type { NodeFormProps } from '../types';

export function AddTagForm({ data, errors, onChange }: NodeFormProps<'addTag'>) {
  return <TextField label="Tag" value={data.tag ?? ''} error={errors.tag} onChange={(e) => onChange({ tag: e.target.value }, 'tag')} />;
}
