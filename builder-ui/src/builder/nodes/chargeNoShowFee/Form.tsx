import { useEffect, useState } from 'react';
import { SelectField, TextField } from '../../../components/Field';
import { errorAt } from '../../forms/issues';
import type { NodeFormProps } from '../types';
import { money } from './card';

function parseAmounts(text: string): number[] {
  return text
    .split(/[,\s→>]+/)
    .filter(Boolean)
    .map((part) => Math.round(Number(part) * 100));
}

export function ChargeNoShowFeeForm({ data, errors, onChange }: NodeFormProps<'chargeNoShowFee'>) {
  const amounts = Array.isArray(data.amountsCents) ? data.amountsCents : [];
  const shown = amounts.map((n) => (typeof n === 'number' && Number.isFinite(n) ? money(n) : '?')).join(', ');
  const [text, setText] = useState(shown);
  useEffect(() => {
    setText((current) => (parseAmounts(current).join() === amounts.join() ? current : shown));
  }, [shown, amounts]);
  return (
    <>
      <SelectField label="Fee" value={data.mode ?? 'fixed'} error={errors.mode} onChange={(e) => onChange({ mode: e.target.value, amountsCents: e.target.value === 'fixed' ? amounts.slice(0, 1) : amounts }, 'mode')}>
        <option value="fixed">the same every time</option>
        <option value="escalating">rising with each no-show</option>
      </SelectField>
      <TextField
        label={data.mode === 'escalating' ? 'Amounts (1st, 2nd, 3rd and later no-shows)' : 'Amount'}
        value={text}
        inputMode="decimal"
        hint={data.mode === 'escalating' ? 'e.g. 25, 35, 50: the last one repeats.' : 'e.g. 25.00'}
        error={errorAt(errors, 'amountsCents')}
        onChange={(e) => {
          setText(e.target.value);
          onChange({ amountsCents: parseAmounts(e.target.value) }, 'amountsCents');
        }}
      />
    </>
  );
}
