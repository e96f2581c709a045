import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { portalApi } from '../api/portal';

export const portalKeys = {
  me: ['portal', 'me'] as const,
  stats: ['portal', 'stats'] as const,
  appointments: (scope: 'upcoming' | 'past') => ['portal', 'appointments', scope] as const,
  appointment: (id: string) => ['portal', 'appointment', id] as const,
  payments: ['portal', 'payments'] as const,
  pets: ['portal', 'pets'] as const,
};

export const usePortalMe = () => useQuery({ queryKey: portalKeys.me, queryFn: portalApi.me, staleTime: 60_000 });

/** After a change to a booking: every list, the stats and the payments may have moved. */
export function useRefreshBookings() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['portal', 'appointments'] });
    void queryClient.invalidateQueries({ queryKey: ['portal', 'appointment'] });
    void queryClient.invalidateQueries({ queryKey: portalKeys.stats });
    void queryClient.invalidateQueries({ queryKey: portalKeys.payments });
  }, [queryClient]);
}
