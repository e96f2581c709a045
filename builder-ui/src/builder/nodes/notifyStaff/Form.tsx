import { SelectField } from '../../../components/Field';
import { errorAt } from '../../forms/issues';
import { TemplateField } from '../../forms/TemplateField';
import { VariableText } from '../../forms/VariableText';
import type { NodeFormProps } from '../types';

export function NotifyStaffForm({ data, errors, env, onChange }: NodeFormProps<'notifyStaff'>) {
  const usesTemplate = data.templateId !== undefined;
  return (
    <>
      <SelectField
        label="Channel"
        value={data.channel ?? 'live'}
        error={errors.channel}
        onChange={(e) => onChange({ channel: e.target.value }, 'channel')}
      >
        <option value="live">in the app</option>
        <option value="email">by email</option>
        <option value="sms">by SMS</option>
      </SelectField>
      <SelectField
        label="Text"
        value={usesTemplate ? 'template' : 'message'}
        error={errors['']}
        onChange={(e) => onChange(e.target.value === 'template' ? { message: undefined, templateId: '' } : { templateId: undefined, variables: undefined, message: '' }, 'mode')}
      >
        <option value="message">written here</option>
        <option value="template">from a template</option>
      </SelectField>
      {usesTemplate ? (
        <TemplateField label="Template" channel="any" value={data.templateId} templates={env.templates} error={errors.templateId} onChange={(templateId) => onChange({ templateId }, 'templateId')} />
      ) : (
        <VariableText
          label="Message"
          multiline
          value={typeof data.message === 'string' ? data.message : ''}
          varNames={env.varNames}
          error={errorAt(errors, 'message')}
          onChange={(message) => onChange({ message }, 'message')}
        />
      )}
    </>
  );
}
