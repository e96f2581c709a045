import { createContext, useContext } from 'react';
import type { LiveEvent, LiveStatus } from './live-client';

export interface LiveNotification extends LiveEvent {
  id: number;
}

export interface LiveContextValue {
  status: LiveStatus;
  /** Newest first, at most `maxNotifications`. */
  notifications: LiveNotification[];
  unread: number;
  markAllRead(): void;
}

export const maxNotifications = 20;

export const LiveContext = createContext<LiveContextValue>({ status: 'closed', notifications: [], unread: 0, markAllRead: () => undefined });

export const useLive = () => useContext(LiveContext);
