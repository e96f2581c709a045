import { useReport, type Report, type ReportName, type ReportQuery } from '../api/reports';
import { ErrorAlert } from '../components/Alert';
import { Spinner } from '../components/Spinner';
import { BreakdownChart, breakdownMeasure } from './BreakdownChart';
import { formatLocalDate } from './format-value';
import { FunnelChart } from './FunnelChart';
import { Heatmap } from './Heatmap';
import { MetricCards } from './MetricCards';
import { ReportTable } from './ReportTable';
import { SeriesChart } from './SeriesChart';

/** One report, rendered generically from its shape: figures, the series, then each table (charted where it reads as one). */
export function ReportView({ name, query }: { name: ReportName; query: ReportQuery }) {
  const report = useReport(name, query);
  if (report.isPending) return <div className="report-loading"><Spinner label="Loading report" /></div>;
  if (report.isError) return <ErrorAlert error={report.error} title="The report could not be loaded" onRetry={() => void report.refetch()} />;
  const data = report.data;
  return (
    <div className={`report-body${report.isFetching ? ' is-refreshing' : ''}`} aria-busy={report.isFetching}>
      <p className="report-period" data-testid="report-period">
        {formatLocalDate(data.period.fromDate)} – {formatLocalDate(data.period.toDate)}
        <span className="report-previous"> compared with {formatLocalDate(data.previousPeriod.fromDate)} – {formatLocalDate(data.previousPeriod.toDate)}</span>
        {report.isFetching && <Spinner size="sm" />}
      </p>
      <MetricCards metrics={data.metrics} currency={data.tenant.currency} />
      <SeriesChart report={data} />
      <ReportSections report={data} />
      {data.notes.length > 0 && (
        <ul className="report-notes" aria-label="Notes">
          {data.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ReportSections({ report }: { report: Report }) {
  const currency = report.tenant.currency;
  return (
    <div className="report-sections">
      {report.tables.map((table) => {
        if (table.key === 'heatmap') return <Heatmap key={table.key} table={table} />;
        if (report.report === 'funnel' && table.key === 'steps') {
          return (
            <div key={table.key} className="report-pair report-pair-stacked">
              <FunnelChart table={table} />
              <ReportTable table={table} currency={currency} joined />
            </div>
          );
        }
        const charted = breakdownMeasure(table) && table.rows.length > 0;
        return charted ? (
          <div key={table.key} className={`report-pair${table.columns.length > 3 ? ' report-pair-stacked' : ''}`}>
            <BreakdownChart table={table} currency={currency} />
            <ReportTable table={table} currency={currency} joined={table.columns.length > 3} />
          </div>
        ) : (
          <ReportTable key={table.key} table={table} currency={currency} />
        );
      })}
    </div>
  );
}
