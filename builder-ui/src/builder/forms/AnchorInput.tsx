import { TIME_ANCHOR_PATHS } from '../../automation/dsl';
import { anchorNoun } from '../describe/paths';
import { DurationInput } from './DurationInput';

export interface AnchorValue {
  anchor?: string;
  offset?: string;
}

/** "24 hours before / the appointment starts": an anchor time in the context and a signed offset. */
export function AnchorInput({
  label,
  value,
  onChange,
  varNames,
  errors,
}: {
  label: string;
  value: AnchorValue | undefined;
  onChange(next: AnchorValue): void;
  varNames: string[];
  errors: { anchor?: string; offset?: string };
}) {
  const anchors = [...TIME_ANCHOR_PATHS, ...varNames.map((name) => `vars.${name}`)];
  const current = value?.anchor ?? '';
  return (
    <div className="anchor-input">
      <DurationInput
        label={`${label}: offset`}
        value={value?.offset}
        direction={{ before: 'before', after: 'after' }}
        error={errors.offset}
        hint="0 means exactly at that time."
        onChange={(offset) => onChange({ ...value, offset })}
      />
      <div className={`field${errors.anchor ? ' field-invalid' : ''}`}>
        <label className="field-label" htmlFor={`anchor-${label}`}>
          {label}: relative to
        </label>
        <select id={`anchor-${label}`} className="input" value={current} onChange={(e) => onChange({ ...value, anchor: e.target.value || undefined })}>
          <option value="">Choose a time…</option>
          {!anchors.includes(current) && current && <option value={current}>{current}</option>}
          {anchors.map((path) => (
            <option key={path} value={path}>
              {anchorNoun(path, 'at')} ({path})
            </option>
          ))}
        </select>
        {errors.anchor && <p className="field-error">{errors.anchor}</p>}
      </div>
    </div>
  );
}
