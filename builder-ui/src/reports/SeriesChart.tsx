import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, Bar, BarChart } from 'recharts';
import type { Report } from '../api/reports';
import { AXIS_STYLE, PREVIOUS_COLOR, SERIES_COLORS } from './chart-colors';
import { formatBucket, formatTick, formatValue, unitAxisLabel } from './format-value';

const PREV = 'previous:';

/**
 * The report's series over time, each key a line (a bar chart when there are only a few buckets),
 * with the first key of the previous period drawn dashed for comparison, bucket by bucket.
 */
export function SeriesChart({ report }: { report: Report }) {
  const { series, previousSeries, groupBy, tenant } = report;
  const currency = tenant.currency;
  const empty = series.points.every((p) => series.keys.every((k) => !Number(p[k.key])));
  const main = series.keys[0];
  const data = series.points.map((p, i) => {
    const prev = previousSeries.points[i];
    return { ...p, label: formatBucket(p.bucket, groupBy), ...(main && prev ? { [`${PREV}${main.key}`]: prev[main.key] ?? 0, previousBucket: prev.bucket } : {}) };
  });
  const names = Object.fromEntries(series.keys.map((k) => [k.key, k.label]));
  if (main) names[`${PREV}${main.key}`] = `${main.label} (previous period)`;
  const tick = (v: number) => formatTick(v, series.unit, currency);
  const asBars = data.length <= 12;

  const body = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
      <XAxis dataKey="label" tick={AXIS_STYLE} tickLine={false} minTickGap={12} label={{ value: groupLabel(groupBy), position: 'insideBottom', offset: -4, ...AXIS_STYLE }} height={44} />
      <YAxis tick={AXIS_STYLE} tickFormatter={tick} width={72} label={{ value: unitAxisLabel(series.unit, currency), angle: -90, position: 'insideLeft', style: { textAnchor: 'middle', ...AXIS_STYLE } }} />
      <Tooltip
        formatter={(value, key) => [formatValue(Number(value), series.unit, currency), names[String(key)] ?? String(key)]}
        labelFormatter={(label, payload) => {
          const prev = (payload?.[0]?.payload as { previousBucket?: string } | undefined)?.previousBucket;
          return prev ? `${String(label)} (previous: ${formatBucket(prev, groupBy)})` : String(label);
        }}
      />
      <Legend verticalAlign="top" height={32} formatter={(key) => names[String(key)] ?? String(key)} />
    </>
  );

  return (
    <section className="card report-card" aria-labelledby="series-title">
      <header className="card-header">
        <h2 className="card-title" id="series-title">Over time</h2>
      </header>
      {empty ? (
        <p className="inline-empty report-empty">Nothing recorded in this period.</p>
      ) : (
        <figure className="chart" role="img" aria-label={`${report.title} by ${groupBy}, compared with the previous period`}>
          <ResponsiveContainer width="100%" height={300}>
            {asBars ? (
              <BarChart data={data} margin={{ top: 4, right: 16, bottom: 8, left: 8 }}>
                {body}
                {series.keys.map((k, i) => (
                  <Bar key={k.key} dataKey={k.key} fill={SERIES_COLORS[i % SERIES_COLORS.length]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
                ))}
                {main && <Bar dataKey={`${PREV}${main.key}`} fill={PREVIOUS_COLOR} fillOpacity={0.55} radius={[3, 3, 0, 0]} isAnimationActive={false} />}
              </BarChart>
            ) : (
              <LineChart data={data} margin={{ top: 4, right: 16, bottom: 8, left: 8 }}>
                {body}
                {series.keys.map((k, i) => (
                  <Line key={k.key} type="monotone" dataKey={k.key} stroke={SERIES_COLORS[i % SERIES_COLORS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
                ))}
                {main && <Line type="monotone" dataKey={`${PREV}${main.key}`} stroke={PREVIOUS_COLOR} strokeDasharray="5 4" strokeWidth={2} dot={false} isAnimationActive={false} />}
              </LineChart>
            )}
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}

function groupLabel(groupBy: string): string {
  return groupBy === 'day' ? 'Day' : groupBy === 'week' ? 'Week starting' : groupBy === 'month' ? 'Month' : 'Year';
}
