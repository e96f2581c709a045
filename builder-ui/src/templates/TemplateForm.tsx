import { TEMPLATE_CHANNELS, type TemplateChannel } from '../api/message-templates';
import { SelectField, TextField } from '../components/Field';
import { VariableText } from '../builder/forms/VariableText';
import { CHANNEL_LABELS } from './channels';
import type { FieldProblems, TemplateField } from './field-problems';
import { HelperReference } from './HelperReference';

export interface TemplateDraft {
  key: string;
  name: string;
  channel: TemplateChannel;
  subject: string;
  body: string;
  /** WhatsApp only; empty: none approved. */
  whatsappContentSid: string;
}

const NO_VARS: string[] = [];

/** The fields of a template; `{{` in the subject or body offers the run context's variables. */
export function TemplateForm({
  draft,
  errors,
  onChange,
  keyHint,
}: {
  draft: TemplateDraft;
  errors: FieldProblems;
  onChange(field: TemplateField, value: string): void;
  keyHint: string;
}) {
  return (
    <div className="form tpl-form">
      <div className="form-row">
        <TextField label="Name" value={draft.name} error={errors.name} maxLength={200} required onChange={(e) => onChange('name', e.target.value)} />
        <SelectField label="Channel" value={draft.channel} error={errors.channel} onChange={(e) => onChange('channel', e.target.value)}>
          {TEMPLATE_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label="Key"
        value={draft.key}
        error={errors.key}
        hint={keyHint}
        maxLength={80}
        spellCheck={false}
        autoCapitalize="off"
        required
        onChange={(e) => onChange('key', e.target.value)}
      />
      {draft.channel === 'email' && (
        <VariableText label="Subject" value={draft.subject} error={errors.subject} varNames={NO_VARS} onChange={(v) => onChange('subject', v)} />
      )}
      <div className="tpl-body-field">
        <VariableText
          label="Message"
          multiline
          value={draft.body}
          error={errors.body}
          varNames={NO_VARS}
          hint={draft.channel === 'email' ? 'Plain text: links become clickable. Type {{ to insert a variable.' : 'Type {{ to insert a variable.'}
          onChange={(v) => onChange('body', v)}
        />
      </div>
      {draft.channel === 'whatsapp' && (
        <TextField
          label="Approved template (Content SID)"
          value={draft.whatsappContentSid}
          error={errors.whatsappContentSid}
          hint="From Twilio's Content Template Builder, once Meta approved it (HX…). Sent instead of the text outside the 24-hour window; without it those sends fail."
          maxLength={34}
          spellCheck={false}
          autoCapitalize="off"
          onChange={(e) => onChange('whatsappContentSid', e.target.value)}
        />
      )}
      <HelperReference />
    </div>
  );
}
