import { useQuery } from '@tanstack/react-query';
import { portalApi, type PortalMe } from '../api/portal';
import { ErrorAlert } from '../components/Alert';
import { Spinner } from '../components/Spinner';
import { formatDay, formatMoney } from '../time/zoned';
import { portalKeys } from './portal-queries';

const KIND: Record<string, string> = { service: 'Visit', deposit: 'Deposit', no_show_fee: 'No-show fee', late_cancel_fee: 'Late cancellation fee', package: 'Package', membership: 'Membership' };

/** A receipt link on this origin (the api answers absolute URLs on its public base). */
const samePath = (url: string) => {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
};

export function PaymentsTab({ me }: { me: PortalMe }) {
  const payments = useQuery({ queryKey: portalKeys.payments, queryFn: portalApi.payments });
  const zone = me.business.timezone;
  if (payments.isPending) return <Spinner label="Loading payments" />;
  if (payments.isError) return <ErrorAlert error={payments.error} onRetry={() => void payments.refetch()} />;
  const { items, balance } = payments.data;
  const money = (cents: number, currency = me.business.currency) => formatMoney(cents, currency);
  return (
    <div className="portal-stack">
      <h1 className="portal-title">Payments</h1>
      <dl className="portal-stats">
        <div>
          <dt>Outstanding</dt>
          <dd>{money(balance.outstandingCents)}</dd>
        </div>
        <div>
          <dt>Deposits held</dt>
          <dd>{money(balance.depositsHeldCents)}</dd>
        </div>
      </dl>
      {balance.lines.length > 0 && (
        <ul className="portal-lines">
          {balance.lines.map((line, i) => (
            <li key={i}>
              <span>{line.description}</span>
              <strong>{money(line.outstandingCents)}</strong>
            </li>
          ))}
        </ul>
      )}
      {items.length === 0 ? (
        <p className="muted">No payments yet.</p>
      ) : (
        <ul className="portal-list">
          {items.map((p) => (
            <li key={p.id} className="portal-payment">
              <div>
                <strong>{KIND[p.kind] ?? p.kind.replace(/_/g, ' ')}</strong>
                <span className="muted small">
                  {' '}
                  · {formatDay(p.paidAt ?? p.createdAt, zone)} · {p.status.replace(/_/g, ' ')}
                </span>
                {p.note && <p className="muted small">{p.note}</p>}
              </div>
              <div className="portal-payment-side">
                <strong>{money(p.amountCents, p.currency)}</strong>
                {p.refundedCents > 0 && <span className="muted small">−{money(p.refundedCents, p.currency)} refunded</span>}
                {p.receiptUrl && (
                  <a href={samePath(p.receiptUrl)} target="_blank" rel="noreferrer" className="small">
                    Receipt {p.receiptNumber}
                  </a>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
