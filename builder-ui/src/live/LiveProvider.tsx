import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { readToken } from '../api/token';
import { useSessionContext } from '../auth/session-context';
import { isNotable } from './describe-event';
import { LiveClient, type LiveStatus, liveUrl } from './live-client';
import { LiveContext, type LiveContextValue, type LiveNotification, maxNotifications } from './live-context';
import { invalidateAll, invalidateFor } from './query-invalidation';

/**
 * Keeps one /api/live socket open while signed in: events make the matching queries stale
 * (pages refresh on their own) and notable ones feed the header bell. Unmounting (sign-out)
 * closes the socket.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { signOut } = useSessionContext();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [notifications, setNotifications] = useState<LiveNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const nextId = useRef(1);

  useEffect(() => {
    const token = readToken();
    if (!token) return;
    const client = new LiveClient({
      url: liveUrl(),
      token,
      onStatus: setStatus,
      onResync: () => invalidateAll(queryClient),
      onRejected: () => signOut('expired'),
      onEvent: (event) => {
        invalidateFor(queryClient, event.type);
        if (!isNotable(event)) return;
        const notification = { ...event, id: nextId.current++ };
        setNotifications((list) => [notification, ...list].slice(0, maxNotifications));
        setUnread((count) => count + 1);
      },
    });
    client.start();
    return () => client.close();
  }, [queryClient, signOut]);

  const markAllRead = useCallback(() => setUnread(0), []);
  const value = useMemo<LiveContextValue>(() => ({ status, notifications, unread, markAllRead }), [status, notifications, unread, markAllRead]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
