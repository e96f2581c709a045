import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { LiveEvent } from './live-client';

/**
 * Refetches `queryKey` whenever a matching live event arrives. Unlike a plain invalidation, a
 * first load still in flight is cancelled and started again: it may have been read before the
 * change committed, and React Query would otherwise keep its answer.
 */
export function useLiveRefetch(subscribe: (listener: (event: LiveEvent) => void) => () => void, queryKey: readonly unknown[], matches: (event: LiveEvent) => boolean): void {
  const queryClient = useQueryClient();
  const key = JSON.stringify(queryKey);
  const match = useRef(matches);
  match.current = matches;
  useEffect(() => {
    const parsedKey = JSON.parse(key) as unknown[];
    return subscribe((event) => {
      if (!match.current(event)) return;
      void queryClient.cancelQueries({ queryKey: parsedKey }).then(() => queryClient.invalidateQueries({ queryKey: parsedKey }));
    });
  }, [subscribe, queryClient, key]);
}
