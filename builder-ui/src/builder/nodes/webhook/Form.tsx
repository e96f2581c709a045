import { SelectField } from '../../../components/Field';
import { errorAt } from '../../forms/issues';
import { JsonField } from '../../forms/JsonField';
import { VariableText } from '../../forms/VariableText';
import type { NodeFormProps } from '../types';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export function WebhookForm({ data, errors, env, onChange }: NodeFormProps<'webhook'>) {
  return (
    <>
      <SelectField label="Method" value={data.method ?? 'POST'} error={errors.method} onChange={(e) => onChange({ method: e.target.value }, 'method')}>
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </SelectField>
      <VariableText label="URL" value={typeof data.url === 'string' ? data.url : ''} varNames={env.varNames} error={errors.url} onChange={(url) => onChange({ url }, 'url')} />
      <JsonField
        label="Headers (JSON)"
        rows={3}
        value={data.headers}
        hint='e.g. {"X-Api-Key": "…"}; values may use {{path}}.'
        error={errorAt(errors, 'headers')}
        onChange={(headers) => onChange({ headers }, 'headers')}
      />
      {data.method !== 'GET' && data.method !== 'DELETE' && (
        <JsonField
          label="Body (JSON)"
          value={data.body}
          hint="Strings may use {{path}}; an object may be a JSON Logic expression."
          error={errorAt(errors, 'body')}
          onChange={(body) => onChange({ body }, 'body')}
        />
      )}
    </>
  );
}
