import type { ImportJob } from './imports-api';

/** The rows with errors (line, field, reason) and a sample of the rows that will be imported. */
export function ImportPreview({ job }: { job: ImportJob }) {
  const sample = job.sample ?? [];
  const columns = [...new Set(sample.flatMap((row) => Object.keys(row.data)))];
  return (
    <>
      {job.errors.length > 0 && (
        <section className="card" aria-labelledby="import-errors-title">
          <h2 className="card-title import-section-title" id="import-errors-title">
            {job.invalidRows} {job.invalidRows === 1 ? 'row has' : 'rows have'} errors
          </h2>
          <div className="table-wrap import-table-wrap">
            <table className="table" aria-label="Rows with errors">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((error, i) => (
                  <tr key={`${error.line}-${error.field}-${i}`}>
                    <td>{error.line}</td>
                    <td>{error.field ? <code>{error.field}</code> : '—'}</td>
                    <td>{error.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {job.errorCount > job.errors.length && <p className="import-note">…and {job.errorCount - job.errors.length} more.</p>}
        </section>
      )}
      {sample.length > 0 && (
        <section className="card" aria-labelledby="import-sample-title">
          <h2 className="card-title import-section-title" id="import-sample-title">
            First rows to import
          </h2>
          <div className="table-wrap import-table-wrap">
            <table className="table" aria-label="Rows to import">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  {columns.map((column) => (
                    <th scope="col" key={column}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sample.map((row) => (
                  <tr key={row.line}>
                    <td>{row.line}</td>
                    {columns.map((column) => (
                      <td key={column}>{formatCell(row.data[column])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

function formatCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
