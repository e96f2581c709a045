import { type InputHTMLAttributes, useState } from 'react';
import { TextField } from '../components/Field';

interface DraftTextFieldProps<T> extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  label: string;
  value: T;
  /** The text shown for a value. */
  format(value: T): string;
  /** The value a text stands for. */
  parse(text: string): T;
  onValue(value: T): void;
}

/**
 * A text field for a parsed value ("vip, dog" → a list, "12.5" → a number) that keeps what was
 * typed: rendering the parsed value back would eat a trailing comma or decimal point mid-typing.
 * The typed text gives way only when the value changes from outside (another segment opened).
 */
export function DraftTextField<T>({ value, format, parse, onValue, ...input }: DraftTextFieldProps<T>) {
  const [draft, setDraft] = useState(() => format(value));
  const shown = format(parse(draft)) === format(value) ? draft : format(value);
  return (
    <TextField
      {...input}
      value={shown}
      onChange={(e) => {
        setDraft(e.target.value);
        onValue(parse(e.target.value));
      }}
    />
  );
}
