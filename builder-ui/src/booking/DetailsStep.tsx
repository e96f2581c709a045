import { useState, type FormEvent } from 'react';
import { CheckboxField, SelectField, TextField } from '../components/Field';
import { type BookingDetails, validateDetails } from './booking-types';

const SPECIES = ['Dog', 'Cat', 'Rabbit', 'Bird', 'Other'];

export function DetailsStep({ initial, askPet, onDone }: { initial: BookingDetails; askPet: boolean; onDone(details: BookingDetails): void }) {
  const [details, setDetails] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [withPet, setWithPet] = useState(askPet || Boolean(initial.petName));
  const set = <K extends keyof BookingDetails>(key: K, value: BookingDetails[K]) => setDetails((d) => ({ ...d, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const clean = withPet ? details : { ...details, petName: '', petBreed: '' };
    const found = validateDetails(clean);
    if (withPet && !clean.petName.trim()) found.petName = 'is required';
    setErrors(found);
    if (Object.keys(found).length === 0) onDone(clean);
  }

  return (
    <form className="bk-step form" onSubmit={submit} noValidate aria-label="Your details">
      <h2 className="bk-step-title">Your details</h2>
      <TextField label="Full name" name="name" autoComplete="name" value={details.name} onChange={(e) => set('name', e.target.value)} error={errors.name} required />
      <TextField label="Email" name="email" type="email" inputMode="email" autoComplete="email" value={details.email} onChange={(e) => set('email', e.target.value)} error={errors.email} hint="Your confirmation and sign-in links go here" />
      <TextField label="Mobile phone" name="phone" type="tel" inputMode="tel" autoComplete="tel" placeholder="+1 212 555 0142" value={details.phone} onChange={(e) => set('phone', e.target.value)} error={errors.phone} hint="With the country code" />

      <CheckboxField label="Booking for a pet" checked={withPet} onChange={(e) => setWithPet(e.target.checked)} disabled={askPet} description={askPet ? 'This service needs your pet’s details' : undefined} />
      {withPet && (
        <fieldset className="fieldset">
          <legend>Your pet</legend>
          <TextField label="Pet’s name" name="petName" value={details.petName} onChange={(e) => set('petName', e.target.value)} error={errors.petName} />
          <div className="form-row">
            <SelectField label="Species" name="petSpecies" value={details.petSpecies} onChange={(e) => set('petSpecies', e.target.value)} error={errors.petSpecies}>
              {SPECIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </SelectField>
            <TextField label="Breed" name="petBreed" value={details.petBreed} onChange={(e) => set('petBreed', e.target.value)} />
          </div>
        </fieldset>
      )}

      <div className="field">
        <label className="field-label" htmlFor="bk-notes">
          Notes for us <span className="muted">(optional)</span>
        </label>
        <textarea id="bk-notes" className="input textarea" rows={3} maxLength={2000} value={details.notes} onChange={(e) => set('notes', e.target.value)} />
      </div>

      <fieldset className="fieldset">
        <legend>Keep me posted</legend>
        <CheckboxField label="Email me the confirmation and reminders" checked={details.emailOptIn} onChange={(e) => set('emailOptIn', e.target.checked)} />
        <CheckboxField label="Text me reminders" description="Reply C to confirm or X to cancel" checked={details.smsOptIn} onChange={(e) => set('smsOptIn', e.target.checked)} />
        <CheckboxField label="Send me offers and news" description="Now and then; unsubscribe any time" checked={details.marketingOptIn} onChange={(e) => set('marketingOptIn', e.target.checked)} />
      </fieldset>

      <button type="submit" className="btn btn-primary btn-block btn-lg">
        Review booking
      </button>
    </form>
  );
}
