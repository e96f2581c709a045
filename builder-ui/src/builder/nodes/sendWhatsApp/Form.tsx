import { MessageFields } from '../../forms/MessageFields';
import type { NodeFormProps } from '../types';

export function SendWhatsAppForm({ data, errors, env, onChange }: NodeFormProps<'sendWhatsApp'>) {
  return (
    <>
      <MessageFields channel="whatsapp" data={data} errors={errors} env={env} onChange={onChange} />
      <p className="field-hint">Outside the 24 h window WhatsApp needs the template's approved content.</p>
    </>
  );
}
