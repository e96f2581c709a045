import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ExecutionDetail, ExecutionSummary, RunStatus } from './automation-types';
import type { ListResponse } from './types';

export const LIVE_POLL_MS = 3_000;

export interface ExecutionFilters {
  automationId?: string;
  status?: RunStatus | '';
  customerId?: string;
  appointmentId?: string;
  from?: string;
  to?: string;
}

const isLive = (status: RunStatus | undefined) => status === 'running' || status === 'waiting';

/** The executions list, polled every few seconds so statuses stay live. */
export function useExecutionList(filters: ExecutionFilters, options: { poll?: boolean; limit?: number; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['executions', 'list', filters, options.limit ?? null],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ExecutionSummary>>(
        '/api/executions',
        { ...filters, status: filters.status || undefined, limit: options.limit },
        signal,
      ),
    placeholderData: (previous) => previous,
    refetchInterval: options.poll === false ? false : LIVE_POLL_MS,
    staleTime: 0,
    enabled: options.enabled ?? true,
  });
}

/** One execution; polled while the run is in flight. */
export function useExecution(id: string) {
  return useQuery({
    queryKey: ['executions', 'detail', id],
    queryFn: ({ signal }) => api.get<ExecutionDetail>(`/api/executions/${encodeURIComponent(id)}`, undefined, signal),
    refetchInterval: (query) => (query.state.data === undefined || isLive(query.state.data.status) ? LIVE_POLL_MS : false),
    staleTime: 0,
  });
}

export function useExecutionAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'retry' }) =>
      api.post<unknown>(`/api/executions/${encodeURIComponent(id)}/${action}`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['executions'] }),
  });
}
