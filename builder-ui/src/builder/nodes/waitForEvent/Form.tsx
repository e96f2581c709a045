import { RUN_EVENTS } from '../../../automation/dsl';
import { CheckboxField, SelectField } from '../../../components/Field';
import { eventLabel } from '../../describe/events';
import { AnchorInput } from '../../forms/AnchorInput';
import { ConditionBuilder } from '../../forms/ConditionBuilder';
import { DurationInput } from '../../forms/DurationInput';
import { errorAt } from '../../forms/issues';
import type { NodeFormProps } from '../types';
import { IfPastField } from '../wait/IfPastField';

export function WaitForEventForm({ data, errors, env, onChange }: NodeFormProps<'waitForEvent'>) {
  const events: string[] = Array.isArray(data.events) ? data.events : [];
  const mode = data.until !== undefined ? 'until' : 'timeout';
  return (
    <>
      <fieldset className={`fieldset${errors.events ? ' field-invalid' : ''}`}>
        <legend className="field-label">Wait for</legend>
        {RUN_EVENTS.map((event) => (
          <CheckboxField
            key={event}
            label={eventLabel(event)}
            checked={events.includes(event)}
            onChange={(e) => onChange({ events: e.target.checked ? [...events, event] : events.filter((x) => x !== event) }, 'events')}
          />
        ))}
        {errors.events && <p className="field-error">{errors.events}</p>}
      </fieldset>
      <ConditionBuilder
        label="Only count it if"
        value={data.filter}
        varNames={env.varNames}
        error={errorAt(errors, 'filter')}
        emptyText="Any of these events counts. lastEvent is the event being checked."
        onChange={(filter) => onChange({ filter }, 'filter')}
      />
      <SelectField
        label="Give up"
        value={mode}
        error={errors['']}
        onChange={(e) =>
          onChange(
            e.target.value === 'until'
              ? { timeout: undefined, until: { anchor: 'appointment.startsAt', offset: 'PT15M' } }
              : { until: undefined, timeout: 'PT12H' },
            'deadline',
          )
        }
      >
        <option value="timeout">after a length of time</option>
        <option value="until">at a time relative to the appointment (moves with a reschedule)</option>
      </SelectField>
      {mode === 'timeout' ? (
        <DurationInput label="Timeout" value={data.timeout} error={errors.timeout} onChange={(timeout) => onChange({ timeout }, 'timeout')} />
      ) : (
        <AnchorInput
          label="Deadline"
          value={data.until}
          varNames={env.varNames}
          errors={{ anchor: errors['until.anchor'], offset: errors['until.offset'] }}
          onChange={(until) => onChange({ until }, 'until')}
        />
      )}
      <IfPastField timeout value={data.ifPast} error={errors.ifPast} onChange={(ifPast) => onChange({ ifPast }, 'ifPast')} />
    </>
  );
}
