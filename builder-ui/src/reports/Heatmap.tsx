import type { Table } from '../api/reports';

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** The weekday × hour table as a grid of shaded cells; the darker, the busier. */
export function Heatmap({ table }: { table: Table }) {
  const values = table.rows.flatMap((r) => HOURS.map((h) => Number(r[`h${h}`] ?? 0)));
  const max = Math.max(0, ...values);
  // Only the hours anything happens in (with a margin), so the cells stay wide enough to read.
  const busy = HOURS.filter((h) => table.rows.some((r) => Number(r[`h${h}`] ?? 0) > 0));
  const first = busy.length ? Math.max(0, busy[0]! - 1) : 8;
  const last = busy.length ? Math.min(23, busy[busy.length - 1]! + 1) : 18;
  const hours = HOURS.filter((h) => h >= first && h <= last);
  return (
    <section className="card report-card" aria-labelledby="heatmap-title">
      <header className="card-header">
        <h2 className="card-title" id="heatmap-title">{table.title}</h2>
        <span className="card-note">Appointments starting in each hour</span>
      </header>
      {max === 0 ? (
        <p className="inline-empty report-empty">No appointments in this period.</p>
      ) : (
        <div className="heatmap-wrap">
          <table className="heatmap" aria-label={table.title} style={{ ['--heat-cols' as string]: hours.length }}>
            <thead>
              <tr>
                <th scope="col"><span className="visually-hidden">Weekday</span></th>
                {hours.map((h) => (
                  <th key={h} scope="col">{String(h).padStart(2, '0')}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => {
                const day = String(row.weekday);
                return (
                  <tr key={day}>
                    <th scope="row">{day.slice(0, 3)}</th>
                    {hours.map((h) => {
                      const n = Number(row[`h${h}`] ?? 0);
                      const level = n === 0 ? 0 : 0.12 + 0.88 * (n / max);
                      return (
                        <td key={h} title={`${day} ${String(h).padStart(2, '0')}:00 – ${n} appointment${n === 1 ? '' : 's'}`} style={{ background: n ? `rgb(79 70 229 / ${level.toFixed(2)})` : undefined, color: level > 0.55 ? '#fff' : undefined }}>
                          {n || ''}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="heatmap-legend">
            <span>Fewer</span>
            <span className="heatmap-scale" aria-hidden="true" />
            <span>More (busiest hour: {max})</span>
          </p>
        </div>
      )}
    </section>
  );
}
