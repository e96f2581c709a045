import { createContext, useContext } from 'react';
import type { LiveEvent, LiveFrame, LiveStatus } from './live-client';

export interface LiveNotification extends LiveEvent {
  id: number;
}

export interface LiveContextValue {
  status: LiveStatus;
  /** Newest first, at most `maxNotifications`. */
  notifications: LiveNotification[];
  unread: number;
  markAllRead(): void;
  /** Sends a frame on the socket (typing, the idle signal); false while it is not open. */
  send(frame: LiveFrame): boolean;
  /** Every event as it arrives (chat threads, presence lists); returns the unsubscribe. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
}

export const maxNotifications = 20;

export const LiveContext = createContext<LiveContextValue>({
  status: 'closed',
  notifications: [],
  unread: 0,
  markAllRead: () => undefined,
  send: () => false,
  subscribe: () => () => undefined,
});

export const useLive = () => useContext(LiveContext);
