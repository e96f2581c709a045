import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Table } from '../api/reports';
import { AXIS_STYLE, SERIES_COLORS } from './chart-colors';
import { formatValue } from './format-value';

/** The booking funnel: one bar per step, labelled with the sessions and the conversion from the first step. */
export function FunnelChart({ table }: { table: Table }) {
  const data = table.rows.map((r) => ({
    step: String(r.step),
    sessions: Number(r.sessions ?? 0),
    conversion: typeof r.conversion === 'number' ? r.conversion : null,
    dropOff: typeof r.dropOff === 'number' ? r.dropOff : null,
  }));
  const empty = data.every((d) => d.sessions === 0);
  return (
    <section className="card report-card" aria-labelledby="funnel-title">
      <header className="card-header">
        <h2 className="card-title" id="funnel-title">Booking funnel</h2>
        <span className="card-note">Sessions reaching each step</span>
      </header>
      {empty ? (
        <p className="inline-empty report-empty">No booking page visits in this period.</p>
      ) : (
        <figure className="chart" role="img" aria-label="Booking funnel: sessions per step">
          <ResponsiveContainer width="100%" height={data.length * 44 + 50}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 130, bottom: 16, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={AXIS_STYLE} label={{ value: 'Sessions', position: 'insideBottom', offset: -10, ...AXIS_STYLE }} />
              <YAxis type="category" dataKey="step" tick={AXIS_STYLE} width={110} interval={0} />
              <Tooltip
                formatter={(v, _key, item) => {
                  const d = item.payload as (typeof data)[number];
                  const extra = [d.conversion !== null ? `${formatValue(d.conversion, 'percent', 'USD')} of views` : null, d.dropOff !== null ? `${formatValue(d.dropOff, 'percent', 'USD')} dropped off` : null].filter(Boolean).join(', ');
                  return [`${formatValue(Number(v), 'count', 'USD')}${extra ? ` (${extra})` : ''}`, 'Sessions'];
                }}
              />
              <Bar dataKey="sessions" fill={SERIES_COLORS[0]} radius={[0, 3, 3, 0]} isAnimationActive={false}>
                <LabelList
                  dataKey="conversion"
                  position="right"
                  style={AXIS_STYLE}
                  formatter={(v: unknown) => (typeof v === 'number' ? `${formatValue(v, 'percent', 'USD')} of views` : '')}
                />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}
