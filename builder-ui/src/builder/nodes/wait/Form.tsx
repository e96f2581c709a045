import { SelectField, TextField } from '../../../components/Field';
import { TIME_ANCHOR_PATHS } from '../../../automation/dsl';
import { anchorNoun } from '../../describe/paths';
import { AnchorInput } from '../../forms/AnchorInput';
import { DurationInput } from '../../forms/DurationInput';
import { errorAt } from '../../forms/issues';
import type { NodeFormProps } from '../types';
import { IfPastField } from './IfPastField';

type Mode = 'duration' | 'until' | 'untilLocalTime';

export function WaitForm({ data, errors, env, onChange }: NodeFormProps<'wait'>) {
  const mode: Mode = data.duration !== undefined ? 'duration' : data.untilLocalTime !== undefined ? 'untilLocalTime' : 'until';
  const setMode = (next: Mode) =>
    onChange(
      {
        duration: next === 'duration' ? 'PT1H' : undefined,
        until: next === 'until' ? { anchor: 'appointment.startsAt', offset: '-PT24H' } : undefined,
        untilLocalTime: next === 'untilLocalTime' ? { time: '09:00', zone: 'recipient', anchor: 'appointment.startsAt', daysOffset: -1 } : undefined,
      },
      'mode',
    );
  const local = data.untilLocalTime;
  return (
    <>
      <SelectField label="Wait" value={mode} error={errors['']} onChange={(e) => setMode(e.target.value as Mode)}>
        <option value="until">until a time relative to the appointment (or another time)</option>
        <option value="duration">for a fixed length</option>
        <option value="untilLocalTime">until a local time of day</option>
      </SelectField>
      {mode === 'duration' && (
        <DurationInput label="Length" value={data.duration} error={errors.duration} onChange={(duration) => onChange({ duration }, 'duration')} />
      )}
      {mode === 'until' && (
        <AnchorInput
          label="Until"
          value={data.until}
          varNames={env.varNames}
          errors={{ anchor: errors['until.anchor'], offset: errors['until.offset'] ?? errorAt(errors, 'until') }}
          onChange={(until) => onChange({ until }, 'until')}
        />
      )}
      {mode === 'untilLocalTime' && local && (
        <>
          <div className="form-row">
            <TextField
              label="Local time"
              type="time"
              value={local.time ?? ''}
              error={errors['untilLocalTime.time']}
              onChange={(e) => onChange({ untilLocalTime: { ...local, time: e.target.value } }, 'untilLocalTime.time')}
            />
            <SelectField
              label="In the time zone of"
              value={local.zone ?? 'tenant'}
              onChange={(e) => onChange({ untilLocalTime: { ...local, zone: e.target.value } }, 'untilLocalTime.zone')}
            >
              <option value="recipient">the customer</option>
              <option value="tenant">the business</option>
            </SelectField>
          </div>
          <div className="form-row">
            <TextField
              label="Days offset"
              type="number"
              value={local.daysOffset ?? 0}
              hint="Negative: before. 0: the same day."
              error={errors['untilLocalTime.daysOffset']}
              onChange={(e) => onChange({ untilLocalTime: { ...local, daysOffset: e.target.value === '' ? undefined : Number(e.target.value) } }, 'untilLocalTime.daysOffset')}
            />
            <SelectField
              label="Counting from"
              value={local.anchor ?? ''}
              error={errors['untilLocalTime.anchor']}
              onChange={(e) => onChange({ untilLocalTime: { ...local, anchor: e.target.value || undefined } }, 'untilLocalTime.anchor')}
            >
              <option value="">the day the run gets here</option>
              {TIME_ANCHOR_PATHS.map((path) => (
                <option key={path} value={path}>
                  the day {anchorNoun(path, 'at')}
                </option>
              ))}
            </SelectField>
          </div>
        </>
      )}
      <IfPastField value={data.ifPast} error={errors.ifPast} onChange={(ifPast) => onChange({ ifPast }, 'ifPast')} />
    </>
  );
}
