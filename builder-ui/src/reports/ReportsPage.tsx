import { NavLink, Navigate, useParams, useSearchParams } from 'react-router-dom';
import { REPORT_NAMES, useReport, type ReportName, type ReportQuery } from '../api/reports';
import { useSession } from '../auth/session-context';
import { EmptyState } from '../components/EmptyState';
import { ReportsIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { ExportButtons } from './ExportButtons';
import { ReportFilters } from './ReportFilters';
import { paramsFromQuery, queryFromParams } from './report-query';
import { ReportView } from './ReportView';
import './reports.css';

export const REPORT_LABELS: Record<ReportName, string> = {
  revenue: 'Revenue',
  appointments: 'Appointments',
  customers: 'Customers',
  staff: 'Staff',
  messaging: 'Messaging',
  automations: 'Automations',
  funnel: 'Booking funnel',
};

/** /reports/:name: one page per report, as tabs sharing the period filter (kept in the address). */
export function ReportsPage() {
  const { user } = useSession();
  const { name } = useParams<{ name?: string }>();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  if (!name || !REPORT_NAMES.includes(name as ReportName)) return <Navigate to={`/reports/revenue?${params.toString()}`} replace />;
  const report = name as ReportName;

  if (user.role === 'staff') {
    return (
      <div className="page">
        <PageHeader title="Reports" />
        <EmptyState icon={<ReportsIcon width={32} height={32} />} title="Reports are for owners and admins">
          Ask an owner or admin of your business for the figures you need.
        </EmptyState>
      </div>
    );
  }

  const search = params.toString();
  return (
    <div className="page reports-page">
      <PageHeader title={`Reports · ${REPORT_LABELS[report]}`} subtitle="In your business's time zone, compared with the period just before." actions={<ExportButtons name={report} query={query} />} />
      <nav className="report-tabs" aria-label="Reports">
        {REPORT_NAMES.map((n) => (
          <NavLink key={n} to={{ pathname: `/reports/${n}`, search }} className={({ isActive }) => `report-tab${isActive ? ' is-active' : ''}`}>
            {REPORT_LABELS[n]}
          </NavLink>
        ))}
      </nav>
      <FilterBar name={report} query={query} onChange={(next) => setParams(paramsFromQuery(next))} />
      <ReportView name={report} query={query} />
    </div>
  );
}

/** The filters show the grouping the API chose when none was asked for. */
function FilterBar({ name, query, onChange }: { name: ReportName; query: ReportQuery; onChange: (next: ReportQuery) => void }) {
  const report = useReport(name, query);
  return <ReportFilters key={query.preset ?? 'custom'} query={query} groupBy={query.groupBy ?? report.data?.groupBy} onChange={onChange} />;
}
