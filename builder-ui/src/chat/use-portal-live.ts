import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readPortalToken } from '../api/portal-token';
import { type LiveEvent, LiveClient, type LiveFrame, type LiveStatus } from '../live/live-client';

export interface ChatLive {
  status: LiveStatus;
  send(frame: LiveFrame): boolean;
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

/** The portal's own socket: the customer's token, only their chat events; reconnects with backoff. */
export function usePortalLive(): ChatLive {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const clientRef = useRef<LiveClient | null>(null);
  const listeners = useRef(new Set<(event: LiveEvent) => void>());

  useEffect(() => {
    const token = readPortalToken();
    if (!token) return;
    const { protocol, host } = window.location;
    const client = new LiveClient({
      url: `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/api/portal/live`,
      token,
      onStatus: setStatus,
      onResync: () => void queryClient.invalidateQueries({ queryKey: ['chat'] }),
      onEvent: (event) => {
        if (event.type === 'chat.message' || event.type === 'chat.read') void queryClient.invalidateQueries({ queryKey: ['chat'] });
        for (const listener of listeners.current) listener(event);
      },
    });
    clientRef.current = client;
    client.start();
    return () => {
      clientRef.current = null;
      client.close();
    };
  }, [queryClient]);

  const send = useCallback((frame: LiveFrame) => clientRef.current?.send(frame) ?? false, []);
  const subscribe = useCallback((listener: (event: LiveEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  return useMemo(() => ({ status, send, subscribe }), [status, send, subscribe]);
}
