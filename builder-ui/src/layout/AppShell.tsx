import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { LogoMark } from '../components/icons';
import { NAV_ITEMS } from './nav-items';
import { UserMenu } from './UserMenu';
import { useSession } from '../auth/session-context';
import { LiveProvider } from '../live/LiveProvider';
import { NotificationBell } from '../live/NotificationBell';

/** At or below this width the sidebar starts as an icon rail (matches layout.css). */
const RAIL_QUERY = '(max-width: 1024px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.matchMedia(RAIL_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(RAIL_QUERY);
    const update = () => setNarrow(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return narrow;
}

export function AppShell() {
  const { tenant } = useSession();
  const narrow = useNarrow();
  // null: follow the width; a boolean: the user's own choice, kept until the width class changes.
  const [choice, setChoice] = useState<{ narrow: boolean; expanded: boolean } | null>(null);
  const expanded = choice && choice.narrow === narrow ? choice.expanded : !narrow;
  const rail = !expanded;
  return (
    <LiveProvider>
      <div className={`shell${rail ? ' shell-rail' : ''}`}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <aside className="sidebar">
          <div className="sidebar-brand">
            <LogoMark />
            <span className="sidebar-brand-name">Appointflow</span>
          </div>
          <button
            type="button"
            className="sidebar-toggle"
            aria-expanded={expanded}
            aria-controls="main-nav"
            aria-label={expanded ? 'Collapse navigation' : 'Expand navigation'}
            title={expanded ? 'Collapse navigation' : 'Expand navigation'}
            onClick={() => setChoice({ narrow, expanded: !expanded })}
          >
            <span aria-hidden="true">{expanded ? '\u00ab' : '\u00bb'}</span>
          </button>
          <nav id="main-nav" className="sidebar-nav" aria-label="Main">
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    aria-label={rail ? item.label : undefined}
                    title={rail ? item.label : undefined}
                    className={({ isActive }) => `nav-link${isActive ? ' nav-link-active' : ''}`}
                  >
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
