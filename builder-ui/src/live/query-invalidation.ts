import type { QueryClient } from '@tanstack/react-query';
import type { LiveEventType } from './live-client';

/** The React Query key prefixes each live event makes stale. */
export const invalidatedBy: Record<LiveEventType, string[][]> = {
  'booking.created': [['calendar'], ['appointments'], ['dashboard'], ['customers']],
  'booking.updated': [['calendar'], ['appointments'], ['dashboard']],
  'booking.cancelled': [['calendar'], ['appointments'], ['dashboard']],
  'availability.changed': [['calendar'], ['public-availability'], ['slots']],
  'execution.status': [['executions'], ['automations'], ['dashboard']],
  'message.status': [['messages'], ['executions'], ['dashboard']],
  'chat.message': [['chat']],
  'chat.read': [['chat']],
  'chat.typing': [],
  'presence.changed': [['activity', 'presence']],
  'campaign.progress': [['campaigns']],
};

const allPrefixes = [...new Set(Object.values(invalidatedBy).flat().map((key) => key[0] as string))];

export function invalidateFor(queryClient: QueryClient, type: LiveEventType): void {
  for (const queryKey of invalidatedBy[type] ?? []) void queryClient.invalidateQueries({ queryKey });
}

/** After a reconnect: anything may have changed while the socket was down. */
export function invalidateAll(queryClient: QueryClient): void {
  for (const prefix of allPrefixes) void queryClient.invalidateQueries({ queryKey: [prefix] });
}
