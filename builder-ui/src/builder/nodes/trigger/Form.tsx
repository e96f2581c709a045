import { TRIGGER_EVENTS, type AutomationTrigger } from '../../../automation/dsl';
import { SelectField, TextField } from '../../../components/Field';
import { eventLabel } from '../../describe/events';
import { ConditionBuilder } from '../../forms/ConditionBuilder';
import type { NodeFormProps } from '../types';

export function TriggerForm({ env, errors, onTriggerChange }: NodeFormProps<'trigger'>) {
  const trigger = env.trigger;
  const set = (next: AutomationTrigger, field: string) => onTriggerChange?.(next, field);
  return (
    <>
      <SelectField
        label="Starts when"
        value={trigger.event}
        error={errors['trigger:event']}
        onChange={(e) => {
          const event = e.target.value as AutomationTrigger['event'];
          const { schedule: _drop, ...rest } = trigger;
          set(event === 'schedule' ? { ...rest, event, schedule: trigger.schedule ?? { cron: '0 9 * * *', timezone: 'UTC' } } : { ...rest, event }, 'trigger.event');
        }}
      >
        {TRIGGER_EVENTS.map((event) => (
          <option key={event} value={event}>
            {eventLabel(event)}
          </option>
        ))}
      </SelectField>
      {trigger.event === 'schedule' && (
        <div className="form-row">
          <TextField
            label="Cron"
            value={trigger.schedule?.cron ?? ''}
            hint="minute hour day month weekday"
            error={errors['trigger:schedule.cron'] ?? errors['trigger:schedule']}
            onChange={(e) => set({ ...trigger, schedule: { timezone: 'UTC', ...trigger.schedule, cron: e.target.value } }, 'trigger.cron')}
          />
          <TextField
            label="Time zone"
            value={trigger.schedule?.timezone ?? ''}
            error={errors['trigger:schedule.timezone']}
            onChange={(e) => set({ ...trigger, schedule: { cron: '0 9 * * *', ...trigger.schedule, timezone: e.target.value } }, 'trigger.timezone')}
          />
        </div>
      )}
      <ConditionBuilder
        label="Only start if"
        value={trigger.filter}
        varNames={env.varNames}
        error={errors['trigger:filter']}
        emptyText="Every matching event starts a run."
        onChange={(filter) => {
          const { filter: _old, ...rest } = trigger;
          set(filter === undefined ? rest : { ...rest, filter }, 'trigger.filter');
        }}
      />
    </>
  );
}
