import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { readToken } from '../api/token';
import { useSessionContext } from '../auth/session-context';
import { isNotable } from './describe-event';
import { useIdlePresence } from '../activity/use-idle-presence';
import { type LiveEvent, LiveClient, type LiveFrame, type LiveStatus, liveUrl } from './live-client';
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
  const clientRef = useRef<LiveClient | null>(null);
  const listeners = useRef(new Set<(event: LiveEvent) => void>());

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
        for (const listener of listeners.current) listener(event);
        if (!isNotable(event)) return;
        const notification = { ...event, id: nextId.current++ };
        setNotifications((list) => [notification, ...list].slice(0, maxNotifications));
        setUnread((count) => count + 1);
      },
    });
    clientRef.current = client;
    client.start();
    return () => {
      clientRef.current = null;
      client.close();
    };
  }, [queryClient, signOut]);

  const markAllRead = useCallback(() => setUnread(0), []);
  const send = useCallback((frame: LiveFrame) => clientRef.current?.send(frame) ?? false, []);
  const subscribe = useCallback((listener: (event: LiveEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  useIdlePresence(status, send);
  const value = useMemo<LiveContextValue>(
    () => ({ status, notifications, unread, markAllRead, send, subscribe }),
    [status, notifications, unread, markAllRead, send, subscribe],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
