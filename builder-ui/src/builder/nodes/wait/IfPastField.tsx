import { SelectField } from '../../../components/Field';

/** What happens when the time has already passed (a late booking, a reschedule). */
export function IfPastField({ value, onChange, error, timeout }: { value: string | undefined; onChange(v: 'skip' | 'continue'): void; error?: string; timeout?: boolean }) {
  return (
    <SelectField
      label="If that time has already passed"
      value={value ?? 'skip'}
      error={error}
      hint={timeout ? 'The timeout exit is taken either way.' : undefined}
      onChange={(e) => onChange(e.target.value as 'skip' | 'continue')}
    >
      <option value="skip">skip the steps up to the next wait (a late reminder is not sent)</option>
      <option value="continue">go on at once (a late message is still sent)</option>
    </SelectField>
  );
}
