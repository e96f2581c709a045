import { useState, type FormEvent } from 'react';
import type { GroupBy, ReportQuery } from '../api/reports';
import { GROUP_BYS, PRESETS } from './report-query';

/** Presets, a custom from/to (local dates, both included) and the grouping. */
export function ReportFilters({ query, groupBy, onChange }: { query: ReportQuery; groupBy: GroupBy | undefined; onChange: (next: ReportQuery) => void }) {
  const [custom, setCustom] = useState(!query.preset);
  const [from, setFrom] = useState(query.from ?? '');
  const [to, setTo] = useState(query.to ?? '');
  const invalid = !from || !to || to < from;

  function applyCustom(event: FormEvent) {
    event.preventDefault();
    if (!invalid) onChange({ from, to, groupBy: query.groupBy });
  }

  return (
    <div className="report-filters">
      <div className="report-period-picker">
        <span className="field-label" aria-hidden="true">Period</span>
        <div className="segmented" role="group" aria-label="Period">
          {PRESETS.map((p) => (
            <button
              key={p.value}
              type="button"
              className={`segmented-item${!custom && query.preset === p.value ? ' is-active' : ''}`}
              aria-pressed={!custom && query.preset === p.value}
              onClick={() => {
                setCustom(false);
                onChange({ preset: p.value, groupBy: query.groupBy });
              }}
            >
              {p.label}
            </button>
          ))}
          <button type="button" className={`segmented-item${custom ? ' is-active' : ''}`} aria-pressed={custom} onClick={() => setCustom(true)}>
            Custom
          </button>
        </div>
      </div>
      {custom && (
        <form className="report-custom-range" onSubmit={applyCustom}>
          <label>
            <span className="field-label">From</span>
            <input className="input" type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            <span className="field-label">To</span>
            <input className="input" type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit" className="btn btn-secondary btn-sm" disabled={invalid}>
            Apply
          </button>
        </form>
      )}
      <label className="report-groupby">
        <span className="field-label">Group by</span>
        <select className="input" value={groupBy ?? ''} onChange={(e) => onChange({ ...query, groupBy: e.target.value as GroupBy })}>
          {GROUP_BYS.map((g) => (
            <option key={g} value={g}>
              {g[0]!.toUpperCase() + g.slice(1)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
