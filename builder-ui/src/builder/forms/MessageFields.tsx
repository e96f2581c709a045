import type { MessageTemplate } from '../../api/automation-types';
import type { FieldErrors, NodeEnv } from '../nodes/types';
import { errorAt } from './issues';
import { TemplateField } from './TemplateField';
import { VariablesEditor } from './VariablesEditor';

/** The template and extra variables every send node has. */
export function MessageFields({
  channel,
  data,
  errors,
  env,
  onChange,
}: {
  channel: MessageTemplate['channel'];
  data: { templateId?: string; variables?: Record<string, unknown> };
  errors: FieldErrors;
  env: NodeEnv;
  onChange(patch: Record<string, unknown>, field: string): void;
}) {
  return (
    <>
      <TemplateField
        label="Template"
        channel={channel}
        value={data.templateId}
        templates={env.templates}
        error={errors.templateId}
        onChange={(templateId) => onChange({ templateId }, 'templateId')}
      />
      <VariablesEditor value={data.variables} varNames={env.varNames} error={errorAt(errors, 'variables')} onChange={(variables) => onChange({ variables }, 'variables')} />
    </>
  );
}

export function templateName(templateId: unknown, env: NodeEnv): string {
  if (typeof templateId !== 'string' || templateId === '') return 'choose a template';
  return env.templates.find((t) => t.key === templateId)?.name ?? templateId;
}
