import { CheckboxField, SelectField, TextField } from '../components/Field';
import { listOf, numberOf } from './filter-edit';
import type { SegmentFilter } from './segments-api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
type TriState = '' | 'yes' | 'no';
const tri = (v: boolean | undefined): TriState => (v === undefined ? '' : v ? 'yes' : 'no');
const fromTri = (v: string): boolean | undefined => (v === '' ? undefined : v === 'yes');

/** Every condition a segment can hold, as form fields; the parent previews the result live. */
export function SegmentFilterForm({ filter, onChange }: { filter: SegmentFilter; onChange(next: SegmentFilter): void }) {
  const set = <K extends keyof SegmentFilter>(key: K, value: SegmentFilter[K]) => onChange({ ...filter, [key]: value });
  const range = (key: 'visitCount' | 'spendCents' | 'reputation', bound: 'min' | 'max', text: string, scale = 1) => {
    const n = numberOf(text);
    set(key, { ...filter[key], [bound]: n === undefined ? undefined : Math.round(n * scale) });
  };
  const shown = (n: number | undefined, scale = 1) => (n === undefined ? '' : String(n / scale));
  const months = filter.birthdayMonths ?? [];

  return (
    <div className="segment-filter">
      <fieldset className="segment-group">
        <legend>Visits</legend>
        <TextField label="Visited in the last (days)" type="number" min={1} value={shown(filter.lastVisit?.withinDays)} onChange={(e) => set('lastVisit', { ...filter.lastVisit, withinDays: numberOf(e.target.value) })} />
        <TextField label="No visit in the last (days)" type="number" min={1} value={shown(filter.lastVisit?.notWithinDays)} onChange={(e) => set('lastVisit', { ...filter.lastVisit, notWithinDays: numberOf(e.target.value) })} />
        <TextField label="Visits at least" type="number" min={0} value={shown(filter.visitCount?.min)} onChange={(e) => range('visitCount', 'min', e.target.value)} />
        <TextField label="Visits at most" type="number" min={0} value={shown(filter.visitCount?.max)} onChange={(e) => range('visitCount', 'max', e.target.value)} />
        <TextField label="Spent at least (in currency units)" type="number" min={0} value={shown(filter.spendCents?.min, 100)} onChange={(e) => range('spendCents', 'min', e.target.value, 100)} />
        <TextField label="Services used (ids, comma separated)" value={(filter.servicesUsed?.serviceIds ?? []).join(', ')} onChange={(e) => {
          const ids = listOf(e.target.value);
          set('servicesUsed', ids ? { serviceIds: ids, match: filter.servicesUsed?.match ?? 'any' } : undefined);
        }} />
      </fieldset>
      <fieldset className="segment-group">
        <legend>Tags and reputation</legend>
        <TextField label="Has any of the tags" value={(filter.tags?.any ?? []).join(', ')} onChange={(e) => set('tags', { ...filter.tags, any: listOf(e.target.value) })} />
        <TextField label="Has all of the tags" value={(filter.tags?.all ?? []).join(', ')} onChange={(e) => set('tags', { ...filter.tags, all: listOf(e.target.value) })} />
        <TextField label="Has none of the tags" value={(filter.tags?.none ?? []).join(', ')} onChange={(e) => set('tags', { ...filter.tags, none: listOf(e.target.value) })} />
        <TextField label="Reputation at least" type="number" min={0} max={100} value={shown(filter.reputation?.min)} onChange={(e) => range('reputation', 'min', e.target.value)} />
      </fieldset>
      <fieldset className="segment-group">
        <legend>Pets</legend>
        <TextField label="Species (comma separated)" value={(filter.pets?.species ?? []).join(', ')} onChange={(e) => set('pets', { ...filter.pets, species: listOf(e.target.value) })} />
        <SelectField label="Vaccinations" value={filter.pets?.vaccination ?? ''} onChange={(e) => set('pets', { ...filter.pets, vaccination: (e.target.value || undefined) as NonNullable<SegmentFilter['pets']>['vaccination'] })}>
          <option value="">Any</option>
          <option value="valid">All valid</option>
          <option value="expired">One expired</option>
          <option value="expiring">One expiring soon</option>
          <option value="missing">None recorded</option>
        </SelectField>
        {filter.pets?.vaccination === 'expiring' && (
          <TextField label="Expiring within (days)" type="number" min={1} value={shown(filter.pets.expiringWithinDays)} onChange={(e) => set('pets', { ...filter.pets, expiringWithinDays: numberOf(e.target.value) })} />
        )}
      </fieldset>
      <fieldset className="segment-group">
        <legend>Channels</legend>
        {(['sms', 'whatsapp', 'email', 'marketing'] as const).map((channel) => (
          <SelectField key={channel} label={channel === 'marketing' ? 'Marketing consent' : `${channel === 'sms' ? 'SMS' : channel === 'email' ? 'Email' : 'WhatsApp'} opt-in`} value={tri(filter.channels?.[channel])}
            onChange={(e) => set('channels', { ...filter.channels, [channel]: fromTri(e.target.value) })}>
            <option value="">Either</option>
            <option value="yes">Opted in</option>
            <option value="no">Not opted in</option>
          </SelectField>
        ))}
      </fieldset>
      <fieldset className="segment-group segment-months">
        <legend>Birthday month</legend>
        {MONTHS.map((label, i) => (
          <CheckboxField key={label} label={label} checked={months.includes(i + 1)}
            onChange={(e) => set('birthdayMonths', e.target.checked ? [...months, i + 1].sort((a, b) => a - b) : months.filter((m) => m !== i + 1))} />
        ))}
      </fieldset>
    </div>
  );
}
