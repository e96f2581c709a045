import { MessageFields } from '../../forms/MessageFields';
import type { NodeFormProps } from '../types';

export function SendSmsForm({ data, errors, env, onChange }: NodeFormProps<'sendSms'>) {
  return (
    <>
      <MessageFields channel="sms" data={data} errors={errors} env={env} onChange={onChange} />
      <p className="field-hint">Customers who opted out of SMS are skipped; the run goes on.</p>
    </>
  );
}
