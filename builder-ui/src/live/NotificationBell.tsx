import { useEffect, useId, useRef, useState } from 'react';
import { useSession } from '../auth/session-context';
import { Icon } from '../components/icons';
import { describeLiveEvent } from './describe-event';
import { useLive } from './live-context';
import './live.css';

const statusLabel = { open: 'Live updates on', connecting: 'Connecting to live updates…', closed: 'Live updates offline, retrying' } as const;

/** The header bell: unread count, and a dropdown of the latest events. Opening it marks them read. */
export function NotificationBell() {
  const { status, notifications, unread, markAllRead } = useLive();
  const { timezone } = useSession().tenant;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    markAllRead();
    const onPointer = (e: PointerEvent) => root.current?.contains(e.target as Node) || setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, markAllRead, notifications.length]);

  return (
    <div className="live-bell" ref={root} data-live-status={status}>
      <button
        type="button"
        className="btn btn-ghost btn-sm live-bell-button"
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls={panelId}
        title={statusLabel[status]}
        data-testid="live-bell"
        onClick={() => setOpen((v) => !v)}
      >
        <Icon>
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </Icon>
        <span className={`live-dot live-dot-${status}`} aria-hidden="true" />
        {unread > 0 && (
          <span className="live-bell-count" data-testid="live-bell-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="live-panel" id={panelId} role="region" aria-label="Recent activity">
          <div className="live-panel-head">
            <span>Recent activity</span>
            <span className="live-panel-status">{statusLabel[status]}</span>
          </div>
          {notifications.length === 0 ? (
            <p className="live-empty">Nothing new yet. Bookings, cancellations and failures show up here as they happen.</p>
          ) : (
            <ul className="live-list" data-testid="live-list">
              {notifications.map((n) => (
                <li key={n.id} className={`live-item live-item-${n.type.replace('.', '-')}`}>
                  <span className="live-item-text">{describeLiveEvent(n, timezone)}</span>
                  <time className="live-item-time" dateTime={n.at}>
                    {new Date(n.at).toLocaleTimeString(undefined, { timeStyle: 'short', timeZone: timezone })}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
