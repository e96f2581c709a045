import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { useCustomer } from '../../api/customers';
import type { Customer } from '../../api/types';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { ArrowLeftIcon, CustomersIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatDate } from '../../format';
import { CustomerPets } from './CustomerPets';
import { ReputationBadge } from './ReputationBadge';
import { TagList } from './TagList';

const backLink = (
  <Link to="/customers" className="back-link">
    <ArrowLeftIcon width={16} height={16} />
    Customers
  </Link>
);

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const customer = useCustomer(id);

  if (customer.isPending) {
    return (
      <div className="center page-loading">
        <Spinner label="Loading customer" />
      </div>
    );
  }
  if (customer.isError) {
    const notFound = customer.error instanceof ApiError && customer.error.status === 404;
    return (
      <>
        <PageHeader title={notFound ? 'Customer not found' : 'Customer'} back={backLink} />
        {notFound ? (
          <section className="card">
            <EmptyState icon={<CustomersIcon width={28} height={28} />} title="This customer does not exist">
              They may have been removed, or the link is wrong.
            </EmptyState>
          </section>
        ) : (
          <ErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />
        )}
      </>
    );
  }
  return <CustomerDetail customer={customer.data} />;
}

function CustomerDetail({ customer }: { customer: Customer }) {
  const { tenant } = useSession();
  return (
    <>
      <PageHeader title={customer.name} subtitle={`Customer since ${formatDate(customer.createdAt, tenant.timezone)}`} back={backLink} />
      <div className="detail-grid">
        <section className="card card-padded">
          <h2 className="card-title">Contact</h2>
          <dl className="details-grid">
            <div>
              <dt>Email</dt>
              <dd>{customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : '—'}</dd>
            </div>
            <div>
              <dt>Phone</dt>
              <dd>{customer.phone ? <a href={`tel:${customer.phone}`}>{customer.phone}</a> : '—'}</dd>
            </div>
            {customer.birthday && (
              <div>
                <dt>Birthday</dt>
                <dd>{formatDate(customer.birthday, 'UTC')}</dd>
              </div>
            )}
          </dl>
        </section>

        <section className="card card-padded">
          <h2 className="card-title">Messaging consent</h2>
          <ul className="optins">
            <OptIn label="SMS" value={customer.smsOptIn} />
            {customer.smsOptedOutAt && (
              <li className="muted small">Replied STOP on {formatDate(customer.smsOptedOutAt, tenant.timezone)}; no texts are sent until START.</li>
            )}
            <OptIn label="Email" value={customer.emailOptIn} />
            {customer.whatsappOptIn !== undefined && <OptIn label="WhatsApp" value={customer.whatsappOptIn} />}
          </ul>
        </section>

        <section className="card card-padded">
          <h2 className="card-title">Reputation</h2>
          <div className="reputation">
            <ReputationBadge score={customer.reputationScore} />
            {typeof customer.reputationScore === 'number' && (
              <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={customer.reputationScore} aria-label="Reputation score">
                <div className="meter-fill" style={{ width: `${Math.max(0, Math.min(100, customer.reputationScore))}%` }} />
              </div>
            )}
          </div>
          <dl className="stats">
            <Stat label="Visits" value={customer.visitCount} />
            <Stat label="No-shows" value={customer.noShowCount} />
            <Stat label="Late cancels" value={customer.lateCancelCount} />
            {customer.lastVisitAt && (
              <div>
                <dt>Last visit</dt>
                <dd>{formatDate(customer.lastVisitAt, tenant.timezone)}</dd>
              </div>
            )}
          </dl>
          <p className="muted small">Drops with no-shows and late cancellations. Below your policy threshold, online booking is refused.</p>
        </section>

        <section className="card card-padded">
          <h2 className="card-title">Tags</h2>
          <TagList tags={customer.tags} />
        </section>

        <section className="card card-padded detail-wide">
          <h2 className="card-title">Notes</h2>
          {customer.notes?.trim() ? <p className="notes">{customer.notes}</p> : <p className="muted">No notes.</p>}
        </section>

        <CustomerPets customerId={customer.id} />
      </div>
    </>
  );
}

function OptIn({ label, value }: { label: string; value: boolean | undefined }) {
  const state = value === undefined ? 'unknown' : value ? 'yes' : 'no';
  return (
    <li className="optin">
      <span>{label}</span>
      <span className={`badge badge-${state === 'yes' ? 'success' : 'neutral'}`}>
        {state === 'yes' ? 'Opted in' : state === 'no' ? 'Not opted in' : 'Unknown'}
      </span>
    </li>
  );
}

function Stat({ label, value }: { label: string; value: number | undefined }) {
  if (value === undefined) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
