import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';

/** Mirrors GET /api/settings/report-schedules (api/routes/reports-schedules.schema.ts). */
export type ReportFrequency = 'weekly' | 'monthly';

export interface ReportScheduleSetting {
  frequency: ReportFrequency;
  enabled: boolean;
  recipients: string[];
  weekday: number;
  dayOfMonth: number;
  time: string;
  timezone: string;
  lastPeriodStart: string | null;
  lastSentAt: string | null;
  nextRunAt: string | null;
}

export type ReportScheduleChange = Partial<Pick<ReportScheduleSetting, 'enabled' | 'recipients' | 'weekday' | 'dayOfMonth' | 'time'>>;

const key = ['settings', 'report-schedules'] as const;

export function useReportSchedules() {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ items: ReportScheduleSetting[] }>('/api/settings/report-schedules', undefined, signal) });
}

export function useSaveReportSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ frequency, change }: { frequency: ReportFrequency; change: ReportScheduleChange }) =>
      api.patch<ReportScheduleSetting>(`/api/settings/report-schedules/${frequency}`, change),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
}
