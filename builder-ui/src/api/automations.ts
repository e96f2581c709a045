import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AutomationDefinition } from '../automation/dsl';
import { api, apiRequest } from './client';
import type {
  Automation,
  AutomationStatus,
  AutomationSummary,
  AutomationTemplate,
  AutomationVersion,
  PublishResponse,
  SimulateRequest,
  SimulateResponse,
  ValidateResponse,
} from './automation-types';
import type { ListResponse } from './types';

const base = '/api/automations';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const automationKeys = {
  all: ['automations'] as const,
  list: (status: string, q: string) => ['automations', 'list', status, q] as const,
  detail: (id: string) => ['automations', 'detail', id] as const,
  versions: (id: string) => ['automations', 'versions', id] as const,
  templates: ['automations', 'templates'] as const,
};

export function useAutomationList(status: AutomationStatus | '', q: string) {
  return useQuery({
    queryKey: automationKeys.list(status, q),
    queryFn: ({ signal }) => api.get<ListResponse<AutomationSummary>>(base, { status: status || undefined, q: q.trim() || undefined }, signal),
    placeholderData: (previous) => previous,
    refetchInterval: 10_000,
  });
}

export function useAutomation(id: string) {
  return useQuery({
    queryKey: automationKeys.detail(id),
    queryFn: ({ signal }) => api.get<Automation>(one(id), undefined, signal),
    staleTime: Infinity,
  });
}

export function useAutomationTemplates() {
  return useQuery({
    queryKey: automationKeys.templates,
    queryFn: ({ signal }) => api.get<ListResponse<AutomationTemplate>>(`${base}/templates`, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useAutomationVersions(id: string, enabled = true) {
  return useQuery({
    queryKey: automationKeys.versions(id),
    queryFn: ({ signal }) => api.get<ListResponse<AutomationVersion>>(`${one(id)}/versions`, undefined, signal),
    enabled,
  });
}

export interface CreateAutomationInput {
  name: string;
  description?: string;
  definition?: AutomationDefinition;
  fromTemplate?: string;
}

export function useCreateAutomation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAutomationInput) => api.post<Automation>(base, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationKeys.all }),
  });
}

export type LifecycleAction = 'pause' | 'resume' | 'archive' | 'duplicate';

/** Pause, resume, archive or duplicate; answers the automation (the copy for duplicate). */
export function useAutomationAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: LifecycleAction }) => api.post<Automation>(`${one(id)}/${action}`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: automationKeys.all }),
  });
}

export function saveDraft(id: string, patch: { name?: string; description?: string; draft?: AutomationDefinition }): Promise<Automation> {
  return api.patch<Automation>(one(id), patch);
}

export function validateOnServer(definition: AutomationDefinition, signal?: AbortSignal): Promise<ValidateResponse> {
  return apiPost<ValidateResponse>(`${base}/validate`, { definition }, signal);
}

export function publishAutomation(id: string): Promise<PublishResponse> {
  return api.post<PublishResponse>(`${one(id)}/publish`, {});
}

export function restoreVersion(id: string, version: number): Promise<Automation> {
  return api.post<Automation>(`${one(id)}/versions/${version}/restore`, {});
}

export function simulateOnServer(id: string, request: SimulateRequest, signal?: AbortSignal): Promise<SimulateResponse> {
  return apiPost<SimulateResponse>(`${one(id)}/simulate`, request, signal);
}

function apiPost<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { method: 'POST', body, signal });
}
