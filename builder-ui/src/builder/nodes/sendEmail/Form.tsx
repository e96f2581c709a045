import { CheckboxField } from '../../../components/Field';
import { MessageFields } from '../../forms/MessageFields';
import type { NodeFormProps } from '../types';

export function SendEmailForm({ data, errors, env, onChange }: NodeFormProps<'sendEmail'>) {
  return (
    <>
      <MessageFields channel="email" data={data} errors={errors} env={env} onChange={onChange} />
      <CheckboxField
        label="Attach a calendar invitation (.ics)"
        checked={data.attachIcs === true}
        error={errors.attachIcs}
        onChange={(e) => onChange({ attachIcs: e.target.checked }, 'attachIcs')}
      />
    </>
  );
}
