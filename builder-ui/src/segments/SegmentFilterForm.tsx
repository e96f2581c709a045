import { CheckboxField, SelectField } from '../components/Field';
import { DraftTextField } from './DraftTextField';
import { listOf, numberOf } from './filter-edit';

const listText = (items: string[] | undefined) => (items ?? []).join(', ');
const numberText = (n: number | undefined) => (n === undefined ? '' : String(n));
/** Cents shown and typed in currency units. */
const unitsText = (cents: number | undefined) => (cents === undefined ? '' : String(cents / 100));
const centsOf = (text: string) => {
  const n = numberOf(text);
  return n === undefined ? undefined : Math.round(n * 100);
};
import type { SegmentFilter } from './segments-api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
type TriState = '' | 'yes' | 'no';
const tri = (v: boolean | undefined): TriState => (v === undefined ? '' : v ? 'yes' : 'no');
const fromTri = (v: string): boolean | undefined => (v === '' ? undefined : v === 'yes');

/** Every condition a segment can hold, as form fields; the parent previews the result live. */
export function SegmentFilterForm({ filter, onChange }: { filter: SegmentFilter; onChange(next: SegmentFilter): void }) {
  const set = <K extends keyof SegmentFilter>(key: K, value: SegmentFilter[K]) => onChange({ ...filter, [key]: value });
  const range = (key: 'visitCount' | 'spendCents' | 'reputation', bound: 'min' | 'max', n: number | undefined) => set(key, { ...filter[key], [bound]: n });
  const months = filter.birthdayMonths ?? [];

  return (
    <div className="segment-filter">
      <fieldset className="segment-group">
        <legend>Visits</legend>
        <DraftTextField label="Visited in the last (days)" type="number" min={1} value={filter.lastVisit?.withinDays} format={numberText} parse={numberOf} onValue={(n) => set('lastVisit', { ...filter.lastVisit, withinDays: n })} />
        <DraftTextField label="No visit in the last (days)" type="number" min={1} value={filter.lastVisit?.notWithinDays} format={numberText} parse={numberOf} onValue={(n) => set('lastVisit', { ...filter.lastVisit, notWithinDays: n })} />
        <DraftTextField label="Visits at least" type="number" min={0} value={filter.visitCount?.min} format={numberText} parse={numberOf} onValue={(n) => range('visitCount', 'min', n)} />
        <DraftTextField label="Visits at most" type="number" min={0} value={filter.visitCount?.max} format={numberText} parse={numberOf} onValue={(n) => range('visitCount', 'max', n)} />
        <DraftTextField label="Spent at least (in currency units)" type="number" min={0} step="0.01" value={filter.spendCents?.min} format={unitsText} parse={centsOf} onValue={(n) => range('spendCents', 'min', n)} />
        <DraftTextField label="Services used (ids, comma separated)" value={filter.servicesUsed?.serviceIds} format={listText} parse={listOf}
          onValue={(ids) => set('servicesUsed', ids ? { serviceIds: ids, match: filter.servicesUsed?.match ?? 'any' } : undefined)} />
      </fieldset>
      <fieldset className="segment-group">
        <legend>Tags and reputation</legend>
        <DraftTextField label="Has any of the tags" value={filter.tags?.any} format={listText} parse={listOf} onValue={(any) => set('tags', { ...filter.tags, any })} />
        <DraftTextField label="Has all of the tags" value={filter.tags?.all} format={listText} parse={listOf} onValue={(all) => set('tags', { ...filter.tags, all })} />
        <DraftTextField label="Has none of the tags" value={filter.tags?.none} format={listText} parse={listOf} onValue={(none) => set('tags', { ...filter.tags, none })} />
        <DraftTextField label="Reputation at least" type="number" min={0} max={100} value={filter.reputation?.min} format={numberText} parse={numberOf} onValue={(n) => range('reputation', 'min', n)} />
      </fieldset>
      <fieldset className="segment-group">
        <legend>Pets</legend>
        <DraftTextField label="Species (comma separated)" value={filter.pets?.species} format={listText} parse={listOf} onValue={(species) => set('pets', { ...filter.pets, species })} />
        <SelectField label="Vaccinations" value={filter.pets?.vaccination ?? ''} onChange={(e) => set('pets', { ...filter.pets, vaccination: (e.target.value || undefined) as NonNullable<SegmentFilter['pets']>['vaccination'] })}>
          <option value="">Any</option>
          <option value="valid">All valid</option>
          <option value="expired">One expired</option>
          <option value="expiring">One expiring soon</option>
          <option value="missing">None recorded</option>
        </SelectField>
        {filter.pets?.vaccination === 'expiring' && (
          <DraftTextField label="Expiring within (days)" type="number" min={1} value={filter.pets.expiringWithinDays} format={numberText} parse={numberOf} onValue={(n) => set('pets', { ...filter.pets, expiringWithinDays: n })} />
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
