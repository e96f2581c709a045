import { NavLink, Route, Routes } from 'react-router-dom';
import { portalApi } from '../api/portal';
import { clearPortalToken } from '../api/portal-token';
import { ErrorAlert } from '../components/Alert';
import { FullPageSpinner } from '../components/Spinner';
import { AppointmentPage } from './AppointmentPage';
import { BookingsTab } from './BookingsTab';
import { PaymentsTab } from './PaymentsTab';
import { PetsTab } from './PetsTab';
import { usePortalMe } from './portal-queries';
import { SettingsTab } from './SettingsTab';
import { PortalChatTab } from '../chat/PortalChatTab';

const TABS = [
  { to: '/portal', label: 'Bookings', end: true },
  { to: '/portal/payments', label: 'Payments', end: false },
  { to: '/portal/pets', label: 'Pets', end: false },
  { to: '/portal/messages', label: 'Messages', end: false },
  { to: '/portal/settings', label: 'Settings', end: false },
];

export function PortalShell() {
  const me = usePortalMe();
  if (me.isPending) return <FullPageSpinner label="Loading your bookings" />;
  if (me.isError) {
    return (
      <div className="portal-center">
        <div className="portal-card">
          <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
        </div>
      </div>
    );
  }
  const { customer, business } = me.data;
  const signOut = () => {
    portalApi.logout().catch(() => undefined).finally(clearPortalToken);
  };
  return (
    <>
      <header className="portal-header">
        <div className="portal-header-inner">
          <div>
            <span className="portal-business">{business.name}</span>
            <span className="portal-customer" data-testid="portal-customer">
              {customer.name}
            </span>
          </div>
          <div className="portal-header-actions">
            <a className="btn btn-primary btn-sm" href={`/book/${business.slug}`}>
              Book
            </a>
            <button type="button" className="btn btn-ghost btn-sm" onClick={signOut}>
              Sign out
            </button>
          </div>
        </div>
        <nav className="portal-tabs" aria-label="Portal">
          {TABS.map((tab) => (
            <NavLink key={tab.to} to={tab.to} end={tab.end} className={({ isActive }) => `portal-tab${isActive ? ' is-active' : ''}`}>
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="portal-main">
        <Routes>
          <Route index element={<BookingsTab me={me.data} />} />
          <Route path="appointments/:id/*" element={<AppointmentPage me={me.data} />} />
          <Route path="payments" element={<PaymentsTab me={me.data} />} />
          <Route path="pets" element={<PetsTab />} />
          <Route path="settings" element={<SettingsTab me={me.data} />} />
          <Route path="messages" element={<PortalChatTab me={me.data} />} />
          <Route path="*" element={<BookingsTab me={me.data} />} />
        </Routes>
      </main>
    </>
  );
}
