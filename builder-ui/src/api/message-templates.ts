import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MessageTemplate, TemplatePreview } from './automation-types';
import { api, apiRequest } from './client';
import type { ListResponse } from './types';

/** A template as the templates API answers it (the builder's picker reads only the MessageTemplate part). */
export interface TemplateRecord extends MessageTemplate {
  subject: string | null;
  /** WhatsApp: Twilio's Content SID of the approved template, sent outside the 24 h window. */
  whatsappContentSid: string | null;
  /** Seeded at signup: the essential automations send it. */
  system: boolean;
  createdAt: string;
  updatedAt: string;
}

export type TemplateChannel = MessageTemplate['channel'];
export const TEMPLATE_CHANNELS: readonly TemplateChannel[] = ['sms', 'whatsapp', 'email'];

export interface TemplateInput {
  key: string;
  name: string;
  channel: TemplateChannel;
  subject?: string | null;
  body: string;
  whatsappContentSid?: string | null;
}

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  length: number;
  characters: number;
  units: number;
  segments: number;
  perSegment: number;
  nonGsmCharacters: string[];
}

export interface TemplateProblem {
  field: 'subject' | 'body' | string;
  code: string;
  message: string;
}

/** POST /api/templates/preview: the rendered text, what saving would refuse, and the SMS parts. */
export interface TemplatePreviewDetail extends TemplatePreview {
  sms?: SmsCount;
  problems: TemplateProblem[];
  context: { source: 'appointment' | 'sample' | 'given'; appointmentId?: string };
}

export interface PreviewRequest {
  channel: TemplateChannel;
  subject?: string | null;
  body: string;
  appointmentId?: string;
  context?: Record<string, unknown>;
}

const keys = {
  all: ['templates'] as const,
  list: (q: string, channel: string) => ['templates', 'manage', { q, channel }] as const,
  one: (id: string) => ['templates', 'one', id] as const,
};

export function useTemplateList(q: string, channel: TemplateChannel | '') {
  return useQuery({
    queryKey: keys.list(q, channel),
    queryFn: ({ signal }) => api.get<ListResponse<TemplateRecord>>('/api/templates', { limit: 500, q: q.trim(), channel }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTemplate(id: string | undefined) {
  return useQuery({
    queryKey: keys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<TemplateRecord>(`/api/templates/${encodeURIComponent(id as string)}`, undefined, signal),
    enabled: Boolean(id),
    retry: false,
  });
}

/** Creates (no id) or changes a template; every template query (the builder's picker too) is refreshed. */
export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: TemplateInput }) =>
      id ? api.patch<TemplateRecord>(`/api/templates/${encodeURIComponent(id)}`, input) : api.post<TemplateRecord>('/api/templates', input),
    onSuccess: (saved) => {
      client.setQueryData(keys.one(saved.id), saved);
      void client.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export function useDeleteTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/templates/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => {
      client.removeQueries({ queryKey: keys.one(id) });
      void client.invalidateQueries({ queryKey: keys.all });
    },
  });
}

/** Live preview of unsaved text; the previous answer stays on screen while the next one loads. */
export function useTemplatePreview(request: PreviewRequest | null) {
  return useQuery({
    queryKey: ['templates', 'preview', request],
    queryFn: ({ signal }) => apiRequest<TemplatePreviewDetail>('/api/templates/preview', { method: 'POST', body: request, signal }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
}
