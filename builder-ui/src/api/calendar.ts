import { api } from './client';
import type { ListResponse } from './types';

export type AppointmentStatus = 'pending' | 'confirmed' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';

export interface Appointment {
  id: string;
  serviceId: string;
  staffId: string | null;
  customerId: string;
  petId: string | null;
  status: AppointmentStatus;
  source: string;
  startsAt: string;
  endsAt: string;
  priceCents: number;
  notes: string | null;
  seats: number;
}

export interface StaffMember {
  id: string;
  name: string;
  color?: string | null;
  serviceIds: string[];
  active: boolean;
}

export interface ServiceItem {
  id: string;
  name: string;
  durationMinutes: number;
  color?: string | null;
  active: boolean;
}

export type StatusAction = 'confirm' | 'check-in' | 'complete' | 'no-show' | 'cancel';

/** Every appointment starting in [from, to), following the pages. */
export async function listAppointmentsBetween(from: string, to: string, signal?: AbortSignal): Promise<Appointment[]> {
  const items: Appointment[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await api.get<ListResponse<Appointment>>('/api/appointments', { from, to, limit: 100, cursor }, signal);
    items.push(...res.items);
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
  }
  return items;
}

export const calendarApi = {
  staff: (signal?: AbortSignal) => api.get<ListResponse<StaffMember>>('/api/staff', { limit: 100 }, signal),
  services: (signal?: AbortSignal) => api.get<ListResponse<ServiceItem>>('/api/services', { limit: 100 }, signal),
  reschedule: (id: string, input: { startsAt: string; staffId?: string | null; override?: boolean; reason?: string }) => api.patch<Appointment>(`/api/appointments/${id}`, input),
  act: (id: string, action: StatusAction, reason?: string) => api.post<Appointment>(`/api/appointments/${id}/${action}`, reason ? { reason } : {}),
  create: (input: { serviceId: string; staffId: string | null; customerId: string; startsAt: string; override?: boolean; source?: 'phone' | 'admin' }) => api.post<Appointment>('/api/appointments', input),
};
