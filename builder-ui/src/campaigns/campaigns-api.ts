import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { ListResponse } from '../api/types';

export type CampaignStatus = 'draft' | 'scheduled' | 'running' | 'paused' | 'completed' | 'cancelled' | 'failed';

export interface CampaignProgress {
  audience: number;
  queued: number;
  held: number;
  sent: number;
  delivered: number;
  failed: number;
  optedOut: number;
  skipped: number;
  cancelled: number;
  clicked: number;
}

export interface Campaign {
  id: string;
  name: string;
  status: CampaignStatus;
  segmentId: string;
  automationId: string;
  scheduledAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  ratePerSecond: number;
  abTest: { testPercent: number; winner: { mode: 'manual' } | { mode: 'auto'; afterHours: number; metric: 'delivered' | 'clicked' | 'booked' } } | null;
  winnerVariant: string | null;
  attributionDays: number;
  linkUrl: string | null;
  audienceCount: number;
  createdAt: string;
  progress?: CampaignProgress;
  workflow?: { state: string; phase: string; batches: number; winner: string | null; nextDueAt: string | null } | null;
}

export interface VariantResult {
  variant: string | null;
  recipients: number;
  sent: number;
  delivered: number;
  failed: number;
  clicked: number;
  bookings: number;
  revenueCents: number;
  costCents: number;
  deliveryRate: number | null;
  clickRate: number | null;
  bookingRate: number | null;
  roi: number | null;
}

export interface CampaignReport {
  campaign: Campaign;
  progress: CampaignProgress;
  total: VariantResult;
  variants: VariantResult[];
}

export interface NewCampaign {
  name: string;
  segmentId: string;
  ratePerSecond: number;
  content: { channel: 'sms' | 'whatsapp' | 'email'; variants: Array<{ id: string; label?: string; templateId: string }> };
  abTest?: Campaign['abTest'];
  linkUrl?: string | null;
  attributionDays?: number;
}

const LIVE: CampaignStatus[] = ['scheduled', 'running', 'paused'];
/** Delivery reports keep arriving after the last send, and they publish no live event. */
const DELIVERY_REPORTS_MS = 15 * 60_000;

/** How often a campaign's figures are fetched again: often while it sends, less for a while after. */
function refreshEvery(c: Campaign | undefined): number | false {
  if (!c) return false;
  if (LIVE.includes(c.status)) return 3_000;
  const ended = c.completedAt ? Date.parse(c.completedAt) : NaN;
  return Date.now() - ended < DELIVERY_REPORTS_MS ? 5_000 : false;
}

export function useCampaigns() {
  return useQuery({
    queryKey: ['campaigns', 'list'],
    queryFn: ({ signal }) => api.get<ListResponse<Campaign>>('/api/campaigns', { limit: 100 }, signal),
    // Statuses and audiences change while campaigns send: never trust a cached list on return.
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.items.some((c) => LIVE.includes(c.status)) ? 5_000 : false),
  });
}

/** A campaign with its progress; polled while it runs (live events refresh it sooner). */
export function useCampaign(id: string) {
  return useQuery({
    queryKey: ['campaigns', 'detail', id],
    queryFn: ({ signal }) => api.get<Campaign>(`/api/campaigns/${encodeURIComponent(id)}`, undefined, signal),
    refetchInterval: (query) => refreshEvery(query.state.data),
  });
}

export function useCampaignReport(id: string) {
  return useQuery({
    queryKey: ['campaigns', 'report', id],
    queryFn: ({ signal }) => api.get<CampaignReport>(`/api/campaigns/${encodeURIComponent(id)}/report`, undefined, signal),
    refetchInterval: (query) => refreshEvery(query.state.data?.campaign),
  });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: NewCampaign & { launch: boolean; scheduledAt?: string }) => {
      const { launch, scheduledAt, ...body } = input;
      const created = await api.post<Campaign>('/api/campaigns', body);
      return launch ? api.post<Campaign>(`/api/campaigns/${created.id}/launch`, scheduledAt ? { scheduledAt } : {}) : created;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
}

export function useCampaignAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'launch' | 'pause' | 'resume' | 'cancel' } | { kind: 'winner'; variant: string }) =>
      action.kind === 'winner' ? api.post<Campaign>(`/api/campaigns/${id}/winner`, { variant: action.variant }) : api.post<Campaign>(`/api/campaigns/${id}/${action.kind}`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
}
