import type { Metric } from '../api/reports';
import { formatChange, formatValue } from './format-value';

/** Lower is better for these; a rise reads red, a fall green. */
const LOWER_IS_BETTER = /refund|noshow|no_show|cancel|fail|churn|dropoff|outstanding|cost/i;

function tone(metric: Metric): 'up' | 'down' | 'flat' {
  if (metric.change === null || metric.change === 0) return 'flat';
  const good = metric.change > 0 !== LOWER_IS_BETTER.test(metric.key);
  return good ? 'up' : 'down';
}

export function MetricCards({ metrics, currency }: { metrics: Metric[]; currency: string }) {
  return (
    <ul className="metric-cards" aria-label="Key figures">
      {metrics.map((m) => {
        const change = formatChange(m.change);
        return (
          <li key={m.key} className="metric-card" data-metric={m.key}>
            <span className="metric-label">{m.label}</span>
            <strong className="metric-value">{formatValue(m.value, m.unit, currency)}</strong>
            <span className="metric-compare">
              {m.previous === null ? (
                <span className="metric-previous">No comparison</span>
              ) : (
                <>
                  {change && (
                    <span className={`metric-change metric-change-${tone(m)}`} aria-label={`Change ${change}`}>
                      {m.change! > 0 ? '▲' : m.change! < 0 ? '▼' : ''} {change}
                    </span>
                  )}
                  <span className="metric-previous">vs {formatValue(m.previous, m.unit, currency)} before</span>
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
