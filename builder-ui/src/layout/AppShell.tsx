import { NavLink, Outlet } from 'react-router-dom';
import { LogoMark } from '../components/icons';
import { NAV_ITEMS } from './nav-items';
import { UserMenu } from './UserMenu';
import { useSession } from '../auth/session-context';
import { LiveProvider } from '../live/LiveProvider';
import { NotificationBell } from '../live/NotificationBell';

export function AppShell() {
  const { tenant } = useSession();
  return (
    <LiveProvider>
      <div className="shell">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <aside className="sidebar">
          <div className="sidebar-brand">
            <LogoMark />
            <span className="sidebar-brand-name">Appointflow</span>
          </div>
          <nav className="sidebar-nav" aria-label="Main">
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className={({ isActive }) => `nav-link${isActive ? ' nav-link-active' : ''}`}>
                    <span className="nav-link-icon">{item.icon}</span>
                    <span className="nav-link-label">{item.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </aside>
        <div className="shell-main">
          <header className="topbar">
            <div className="topbar-tenant">
              <span className="topbar-tenant-name" data-testid="tenant-name">
                {tenant.name}
              </span>
              <span className="topbar-tenant-meta">{tenant.timezone.replace(/_/g, ' ')}</span>
            </div>
            <div className="topbar-actions">
              <NotificationBell />
              <UserMenu />
            </div>
          </header>
          <main id="main" className="content" tabIndex={-1}>
            <Outlet />
          </main>
        </div>
      </div>
    </LiveProvider>
  );
}
