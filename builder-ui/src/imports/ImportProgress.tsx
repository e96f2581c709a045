import { Alert } from '../components/Alert';
import type { ImportJob } from './imports-api';

/** Progress while the import runs; the outcome once it has finished. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const percent = Math.round(job.progress * 100);
  if (job.status === 'completed') {
    return (
      <Alert tone="success" title="Import complete">
        {job.importedRows} {job.kind} imported
        {job.totalRows > job.importedRows ? `; ${leftOut(job.totalRows - job.importedRows)} left out` : ''}.
      </Alert>
    );
  }
  if (job.status === 'failed') {
    return (
      <Alert tone="error" title="Nothing was imported">
        {job.failure ?? 'The import failed.'}
      </Alert>
    );
  }
  return (
    <section className="card card-padded" aria-live="polite">
      <div className="import-progress-label">
        <span>Importing {job.fileName}…</span>
        <span>
          {job.processedRows} / {job.skipInvalid ? job.validRows : job.totalRows} rows
        </span>
      </div>
      <div className="import-progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="import-progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="import-note">All rows are written in one transaction: if anything fails, nothing is imported.</p>
    </section>
  );
}

const leftOut = (n: number) => (n === 1 ? '1 row with errors was' : `${n} rows with errors were`);
