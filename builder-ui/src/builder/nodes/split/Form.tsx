import type { SplitVariant } from '../../../automation/dsl';
import { errorAt } from '../../forms/issues';
import type { NodeFormProps } from '../types';

export function SplitForm({ data, errors, onChange }: NodeFormProps<'split'>) {
  const variants: SplitVariant[] = Array.isArray(data.variants) ? data.variants : [];
  const write = (next: SplitVariant[]) => onChange({ variants: next }, 'variants');
  const set = (index: number, patch: Partial<SplitVariant>) => write(variants.map((v, i) => (i === index ? { ...v, ...patch } : v)));
  return (
    <fieldset className={`fieldset${errorAt(errors, 'variants') ? ' field-invalid' : ''}`}>
      <legend className="field-label">Variants</legend>
      <p className="field-hint">Each customer always gets the same variant. Each variant is an exit.</p>
      {variants.map((variant, index) => (
        <div key={index} className="variant-row">
          <input className="input" aria-label={`Variant ${index + 1} id`} value={variant.id} onChange={(e) => set(index, { id: e.target.value })} />
          <input className="input" aria-label={`Variant ${index + 1} label`} value={variant.label} onChange={(e) => set(index, { label: e.target.value })} />
          <input
            className="input input-number"
            type="number"
            min={1}
            aria-label={`Variant ${index + 1} weight`}
            value={variant.weight}
            onChange={(e) => set(index, { weight: Number(e.target.value) })}
          />
          <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove variant ${index + 1}`} onClick={() => write(variants.filter((_, i) => i !== index))}>
            ×
          </button>
          {(errors[`variants.${index}.id`] || errors[`variants.${index}.weight`] || errors[`variants.${index}.label`]) && (
            <p className="field-error variant-error">
              {errors[`variants.${index}.id`] ?? errors[`variants.${index}.weight`] ?? errors[`variants.${index}.label`]}
            </p>
          )}
        </div>
      ))}
      {errors.variants && <p className="field-error">{errors.variants}</p>}
      <button
        type="button"
        className="btn btn-secondary btn-sm btn-fit"
        disabled={variants.length >= 10}
        onClick={() => {
          const letter = String.fromCharCode(97 + variants.length);
          write([...variants, { id: letter, label: letter.toUpperCase(), weight: 50 }]);
        }}
      >
        + Add variant
      </button>
    </fieldset>
  );
}
