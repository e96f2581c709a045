import { useState } from 'react';
import { downloadReport, type ExportFormat, type ReportName, type ReportQuery } from '../api/reports';
import { messageOf } from '../api/errors';
import { Spinner } from '../components/Spinner';

const FORMATS: Array<{ format: ExportFormat; label: string }> = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel' },
  { format: 'pdf', label: 'PDF' },
  { format: 'json', label: 'JSON' },
];

/** Downloads the report as shown (same period and grouping) in each export format. */
export function ExportButtons({ name, query }: { name: ReportName; query: ReportQuery }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(format: ExportFormat) {
    setBusy(format);
    setError(null);
    try {
      await downloadReport(name, query, format);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="report-exports">
      <span className="report-exports-label">Export</span>
      {FORMATS.map(({ format, label }) => (
        <button key={format} type="button" className="btn btn-secondary btn-sm" disabled={busy !== null} onClick={() => void run(format)} aria-label={`Export ${label}`}>
          {busy === format ? <Spinner size="sm" /> : null}
          {label}
        </button>
      ))}
      {error && (
        <p className="field-error" role="alert">
          Export failed: {error}
        </p>
      )}
    </div>
  );
}
