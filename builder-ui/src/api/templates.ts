import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AppointmentSummary, MessageTemplate, TemplatePreview } from './automation-types';
import type { ListResponse } from './types';

export function useMessageTemplates() {
  return useQuery({
    queryKey: ['templates', 'list'],
    queryFn: ({ signal }) => api.get<ListResponse<MessageTemplate>>('/api/templates', { limit: 200 }, signal),
    staleTime: 60_000,
  });
}

export function previewTemplate(input: { channel: string; subject?: string; body: string; context?: unknown; appointmentId?: string }) {
  return api.post<TemplatePreview>('/api/templates/preview', input);
}

/** Upcoming appointments to pick as a sample for the timeline preview. */
export function useSampleAppointments(enabled: boolean) {
  return useQuery({
    queryKey: ['appointments', 'samples'],
    queryFn: ({ signal }) =>
      api.get<ListResponse<AppointmentSummary>>('/api/appointments', { limit: 20, from: new Date().toISOString() }, signal),
    enabled,
    staleTime: 60_000,
  });
}
