import type { Table } from '../api/reports';
import { formatValue } from './format-value';

/** `joined`: drawn as the lower half of the chart card above it, so the title is not repeated. */
export function ReportTable({ table, currency, joined = false }: { table: Table; currency: string; joined?: boolean }) {
  return (
    <section className="card report-card" aria-labelledby={`table-${table.key}`}>
      <header className={joined ? 'visually-hidden' : 'card-header'}>
        <h2 className="card-title" id={`table-${table.key}`}>{table.title}</h2>
      </header>
      {table.rows.length === 0 ? (
        <p className="inline-empty report-empty">No data for this period.</p>
      ) : (
        <div className="table-wrap">
          <table className="table report-table" aria-label={table.title}>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col" className={c.type === 'string' || c.type === 'date' ? undefined : 'num'}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {table.columns.map((c) => (
                    <td key={c.key} className={c.type === 'string' || c.type === 'date' ? undefined : 'num'}>{formatValue(row[c.key], c.type, currency)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {table.truncated && (
        <p className="table-footer">Showing {table.truncated.shown} of {table.truncated.total} rows.</p>
      )}
    </section>
  );
}
