import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Column, Table } from '../api/reports';
import { AXIS_STYLE, SERIES_COLORS } from './chart-colors';
import { formatTick, formatValue, humanize, unitAxisLabel } from './format-value';

const MAX_BARS = 12;

/** The figure a breakdown is drawn by: money first, else a count, else any number. */
export function breakdownMeasure(table: Table): { label: Column; value: Column } | null {
  const label = table.columns[0];
  if (!label || label.type !== 'string' || table.columns.some((c) => c.type === 'string' && c !== label)) return null;
  const value = table.columns.find((c) => c.type === 'money') ?? table.columns.find((c) => c.type === 'count') ?? table.columns.find((c) => c.type === 'number');
  return value ? { label, value } : null;
}

/** A breakdown (by service, by staff, by source…) as horizontal bars, largest first. */
export function BreakdownChart({ table, currency, color = SERIES_COLORS[0] }: { table: Table; currency: string; color?: string }) {
  const measure = breakdownMeasure(table);
  if (!measure) return null;
  const { label, value } = measure;
  const unit = value.type as Exclude<Column['type'], 'string' | 'date'>;
  const data = table.rows
    .map((r) => ({ name: humanize(String(r[label.key] ?? '—')), value: Number(r[value.key] ?? 0) }))
    .filter((d) => d.value !== 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, MAX_BARS);
  return (
    <section className="card report-card" aria-labelledby={`chart-${table.key}`}>
      <header className="card-header">
        <h2 className="card-title" id={`chart-${table.key}`}>{table.title}</h2>
        <span className="card-note">{value.label}</span>
      </header>
      {data.length === 0 ? (
        <p className="inline-empty report-empty">No data for this period.</p>
      ) : (
        <figure className="chart" role="img" aria-label={`${table.title}: ${value.label}`}>
          <ResponsiveContainer width="100%" height={Math.max(120, data.length * 34 + 50)}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 72, bottom: 16, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
              <XAxis type="number" tick={AXIS_STYLE} tickFormatter={(v: number) => formatTick(v, unit, currency)} label={{ value: `${value.label}${unit === 'money' ? ` (${currency})` : ''}` || unitAxisLabel(unit, currency), position: 'insideBottom', offset: -10, ...AXIS_STYLE }} />
              <YAxis type="category" dataKey="name" tick={AXIS_STYLE} width={150} interval={0} />
              <Tooltip formatter={(v) => [formatValue(Number(v), unit, currency), value.label]} />
              <Bar dataKey="value" fill={color} radius={[0, 3, 3, 0]} isAnimationActive={false}>
                <LabelList dataKey="value" position="right" style={AXIS_STYLE} formatter={(v: unknown) => formatValue(Number(v), unit, currency)} />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}
