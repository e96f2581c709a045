import { type FormEvent, useState } from 'react';
import { useSession } from '../auth/session-context';
import { ErrorAlert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { formatDateTime } from '../format';
import { ImportPreview } from './ImportPreview';
import { ImportProgress } from './ImportProgress';
import { type ImportKind, useCommitImport, useImportColumns, useImportJob, usePreviewImport, useRecentImports } from './imports-api';
import './imports.css';

const KINDS: Array<{ kind: ImportKind; label: string; hint: string }> = [
  { kind: 'customers', label: 'Customers', hint: 'One row per customer; duplicates are found by email or phone.' },
  { kind: 'pets', label: 'Pets', hint: 'Each pet names its owner by customer email or phone.' },
  { kind: 'vaccinations', label: 'Vaccinations', hint: 'Each record names the owner and the pet; expiry alerts start on their own.' },
];

/** CSV import: choose what the file holds, upload it for a preview, fix or skip bad rows, import. */
export function ImportsPage() {
  const { tenant } = useSession();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const columns = useImportColumns();
  const preview = usePreviewImport();
  const commit = useCommitImport();
  const job = useImportJob(jobId);
  const recent = useRecentImports();
  const current = job.data;

  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    commit.reset();
    setSkipInvalid(false);
    preview.mutate({ kind, file }, { onSuccess: (result) => setJobId(result.id) });
  };

  const blocked = current ? current.invalidRows > 0 && !skipInvalid : true;
  const nothingValid = current ? current.validRows === 0 : true;

  return (
    <>
      <PageHeader title="Import" subtitle="Bring customers, pets and vaccination records from a CSV file." />

      <form className="card card-padded import-form" onSubmit={onPreview} aria-label="Upload a CSV">
        <fieldset className="import-kinds">
          <legend>What does the file hold?</legend>
          {KINDS.map((option) => (
            <label key={option.kind} className={`import-kind${kind === option.kind ? ' is-selected' : ''}`}>
              <input type="radio" name="kind" value={option.kind} checked={kind === option.kind} onChange={() => setKind(option.kind)} />
              <span className="import-kind-label">{option.label}</span>
              <span className="import-kind-hint">{option.hint}</span>
            </label>
          ))}
        </fieldset>
        {columns.data && (
          <p className="import-note">
            Columns:{' '}
            {columns.data[kind].map((c, i) => (
              <span key={c.field}>
                {i > 0 && ', '}
                <code>{c.field}</code>
                {c.required ? ' (required)' : ''}
              </span>
            ))}
            . Dates as YYYY-MM-DD, phones as +14155550123, yes/no for opt-ins.
          </p>
        )}
        <label className="import-file">
          <span>CSV file</span>
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <div>
          <button type="submit" className="btn btn-primary" disabled={!file || preview.isPending}>
            {preview.isPending ? <Spinner size="sm" label="Checking" /> : 'Preview'}
          </button>
        </div>
        {preview.error && <ErrorAlert error={preview.error} title="The file cannot be imported" />}
      </form>

      {current && (
        <>
          <section className="card card-padded import-summary" aria-label="Preview summary">
            <p>
              <strong>{current.fileName}</strong>: {current.totalRows} rows, {current.validRows} ready to import
              {current.invalidRows > 0 ? `, ${current.invalidRows} with errors` : ''}.
            </p>
            {current.status === 'previewed' && (
              <div className="import-actions">
                {current.invalidRows > 0 && (
                  <label className="import-skip">
                    <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
                    {current.invalidRows === 1 ? 'Skip the row with errors' : `Skip the ${current.invalidRows} rows with errors`}
                  </label>
                )}
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={blocked || nothingValid || commit.isPending}
                  onClick={() => commit.mutate({ id: current.id, skipInvalid })}
                >
                  Import {skipInvalid || current.invalidRows === 0 ? current.validRows : ''} {current.kind}
                </button>
                {blocked && !nothingValid && <span className="import-note">Fix the file and preview it again, or skip the rows with errors.</span>}
              </div>
            )}
            {commit.error && <ErrorAlert error={commit.error} />}
          </section>
          {current.status !== 'previewed' && <ImportProgress job={current} />}
          {current.status === 'previewed' && <ImportPreview job={current} />}
        </>
      )}

      {recent.data && recent.data.items.length > 0 && (
        <section className="card" aria-labelledby="recent-imports-title">
          <h2 className="card-title import-section-title" id="recent-imports-title">
            Recent imports
          </h2>
          <div className="table-wrap">
            <table className="table" aria-label="Recent imports">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col">Imported</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {recent.data.items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.fileName}</td>
                    <td>{item.kind}</td>
                    <td>{item.status}</td>
                    <td>{item.status === 'completed' ? item.importedRows : '—'}</td>
                    <td>{formatDateTime(item.createdAt, tenant.timezone)}</td>
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
