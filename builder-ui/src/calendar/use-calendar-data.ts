import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { calendarApi, listAppointmentsBetween, type Appointment } from '../api/calendar';
import { api } from '../api/client';
import { publicApi } from '../api/public';
import type { Customer } from '../api/types';

export const appointmentsKey = (from: string, to: string) => ['calendar', 'appointments', from, to] as const;

/** Staff, services, the appointments of the range (refreshed every 30 s) and their customers' names. */
export function useCalendarData(options: { from: string; to: string; slug: string }) {
  const staff = useQuery({ queryKey: ['staff', 'all'], queryFn: ({ signal }) => calendarApi.staff(signal), staleTime: 60_000 });
  const services = useQuery({ queryKey: ['services', 'all'], queryFn: ({ signal }) => calendarApi.services(signal), staleTime: 60_000 });
  const business = useQuery({ queryKey: ['public-business', options.slug], queryFn: ({ signal }) => publicApi.business(options.slug, signal), staleTime: 300_000 });
  const appointments = useQuery({
    queryKey: appointmentsKey(options.from, options.to),
    queryFn: ({ signal }) => listAppointmentsBetween(options.from, options.to, signal),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    placeholderData: (previous) => previous,
  });
  const customerIds = useMemo(() => [...new Set((appointments.data ?? []).map((a: Appointment) => a.customerId))], [appointments.data]);
  const customers = useQueries({
    queries: customerIds.map((id) => ({
      queryKey: ['customers', 'detail', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Customer>(`/api/customers/${encodeURIComponent(id)}`, undefined, signal),
      staleTime: 300_000,
    })),
  });
  const customerNames = useMemo(() => {
    const names = new Map<string, string>();
    customers.forEach((q, i) => {
      if (q.data) names.set(customerIds[i] as string, q.data.name);
    });
    return names;
  }, [customers, customerIds]);
  return { staff, services, appointments, customerNames, currency: business.data?.business.currency ?? 'USD' };
}
