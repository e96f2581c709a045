import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ListResponse } from '../api/types';

/** The filter schema of api/services/segments/segment-filter.ts: every condition given must hold. */
export interface SegmentFilter {
  lastVisit?: { withinDays?: number; notWithinDays?: number; never?: boolean };
  visitCount?: { min?: number; max?: number };
  spendCents?: { min?: number; max?: number };
  servicesUsed?: { serviceIds: string[]; match: 'any' | 'all' };
  tags?: { any?: string[]; all?: string[]; none?: string[] };
  reputation?: { min?: number; max?: number };
  pets?: { species?: string[]; vaccination?: 'valid' | 'expired' | 'expiring' | 'missing'; expiringWithinDays?: number };
  channels?: { sms?: boolean; whatsapp?: boolean; email?: boolean; marketing?: boolean };
  birthdayMonths?: number[];
}

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  filter: SegmentFilter;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentPreview {
  count: number;
  sample: Array<{ id: string; name: string; email: string | null; phone: string | null; visitCount: number; lastVisitAt: string | null; tags: string[] }>;
}

export function useSegments() {
  return useQuery({ queryKey: ['segments', 'list'], queryFn: ({ signal }) => api.get<ListResponse<Segment>>('/api/segments', { limit: 100 }, signal) });
}

/** The live count and sample for a filter being edited. */
export function useSegmentPreview(filter: SegmentFilter) {
  return useQuery({
    queryKey: ['segments', 'preview', filter],
    queryFn: () => api.post<SegmentPreview>('/api/segments/preview', { filter, sampleSize: 10 }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; name: string; filter: SegmentFilter }) =>
      input.id ? api.patch<Segment>(`/api/segments/${input.id}`, { name: input.name, filter: input.filter }) : api.post<Segment>('/api/segments', { name: input.name, filter: input.filter }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['segments'] }),
  });
}

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/segments/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['segments'] }),
  });
}
