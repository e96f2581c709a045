import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useCustomerList } from '../../api/customers';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { CustomersIcon, PlusIcon, SearchIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatCount, formatDate } from '../../format';
import { ReputationBadge } from './ReputationBadge';
import { TagList } from './TagList';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function CustomersPage() {
  const { tenant } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search, 250);

  useEffect(() => {
    setParams(q ? { q } : {}, { replace: true });
  }, [q, setParams]);

  const list = useCustomerList(q);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title="Customers"
        subtitle={total === undefined ? 'Everyone who books with you.' : formatCount(total, 'customer')}
        actions={
          <Link className="btn btn-primary" to="/customers/new">
            <PlusIcon width={16} height={16} />
            New customer
          </Link>
        }
      />

      <section className="card">
        <div className="toolbar">
          <label className="search">
            <SearchIcon className="search-icon" width={16} height={16} />
            <span className="visually-hidden">Search customers</span>
            <input
              type="search"
              className="input search-input"
              placeholder="Search by name, email or phone"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          {list.isFetching && !list.isFetchingNextPage && <Spinner size="sm" />}
        </div>

        {list.isError && <div className="card-section"><ErrorAlert error={list.error} onRetry={() => void list.refetch()} /></div>}

        {list.isPending ? (
          <div className="card-section center">
            <Spinner label="Loading customers" />
          </div>
        ) : rows.length === 0 && !list.isError ? (
          q ? (
            <EmptyState icon={<SearchIcon width={28} height={28} />} title="No matching customers">
              Nobody matches “{q}”. Try a different name, email or phone number.
            </EmptyState>
          ) : (
            <EmptyState
              icon={<CustomersIcon width={28} height={28} />}
              title="No customers yet"
              action={
                <Link className="btn btn-primary" to="/customers/new">
                  Add your first customer
                </Link>
              }
            >
              Customers appear here when they book online or when you add them.
            </EmptyState>
          )
        ) : (
          <div className="table-wrap">
            <table className="table table-clickable" aria-label="Customers">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Tags</th>
                  <th scope="col" className="num">Reputation</th>
                  <th scope="col">Customer since</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id} onClick={() => navigate(`/customers/${c.id}`)}>
                    <td className="strong">
                      <Link to={`/customers/${c.id}`} onClick={(e) => e.stopPropagation()}>
                        {c.name}
                      </Link>
                    </td>
                    <td className="muted">{c.email || '—'}</td>
                    <td className="muted nowrap">{c.phone || '—'}</td>
                    <td>
                      <TagList tags={c.tags} max={2} />
                    </td>
                    <td className="num">
                      <ReputationBadge score={c.reputationScore} />
                    </td>
                    <td className="muted nowrap">{formatDate(c.createdAt, tenant.timezone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {rows.length > 0 && (
          <footer className="table-footer">
            <span className="muted">
              Showing {rows.length} of {total ?? rows.length}
            </span>
            {list.hasNextPage && (
              <button type="button" className="btn btn-secondary btn-sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? <Spinner size="sm" label="Loading…" /> : 'Load more'}
              </button>
            )}
          </footer>
        )}
      </section>
    </>
  );
}
