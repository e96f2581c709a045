import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ApiError, errorFromBody } from '../api/errors';
import { readToken } from '../api/token';

export type ImportKind = 'customers' | 'pets' | 'vaccinations';

export interface ImportRowError {
  line: number;
  field: string;
  reason: string;
  code: string;
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: 'previewed' | 'running' | 'completed' | 'failed';
  totalRows: number;
  validRows: number;
  invalidRows: number;
  errorCount: number;
  errors: ImportRowError[];
  skipInvalid: boolean;
  processedRows: number;
  importedRows: number;
  progress: number;
  failure: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  sample?: Array<{ line: number; data: Record<string, unknown> }>;
}

export type ImportColumns = Record<ImportKind, Array<{ field: string; required: boolean; aliases: string[] }>>;

const key = ['imports'] as const;

export function useImportColumns() {
  return useQuery({ queryKey: [...key, 'columns'], queryFn: () => api.get<ImportColumns>('/api/imports/columns'), staleTime: Infinity });
}

export function useRecentImports() {
  return useQuery({ queryKey: [...key, 'list'], queryFn: () => api.get<{ items: ImportJob[] }>('/api/imports') });
}

/** An import, polled twice a second while it runs. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: [...key, id],
    queryFn: () => api.get<ImportJob>(`/api/imports/${id}`),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
}

/** Uploads the file for a preview (multipart: the JSON client does not send files). */
async function uploadCsv(kind: ImportKind, file: File): Promise<ImportJob> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  const token = readToken();
  let response: Response;
  try {
    response = await fetch('/api/imports', { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {}, body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection and try again.');
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as ImportJob;
}

export function usePreviewImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => uploadCsv(kind, file),
    onSuccess: (job) => {
      queryClient.setQueryData([...key, job.id], job);
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, skipInvalid }: { id: string; skipInvalid: boolean }) => api.post<ImportJob>(`/api/imports/${id}/commit`, { skipInvalid }),
    onSuccess: (job) => {
      queryClient.setQueryData([...key, job.id], job);
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}
