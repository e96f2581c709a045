import { customerDownload, customerRequest, type CustomerRequestOptions } from './customer-client';
import { ApiError } from './errors';
import { clearPortalToken, readPortalToken } from './portal-token';
import type { Availability, Slot } from './slots';

export type AppointmentStatus = 'pending' | 'confirmed' | 'checked_in' | 'completed' | 'cancelled' | 'no_show';
export type Channel = 'sms' | 'whatsapp' | 'email';

export interface PortalAppointment {
  id: string;
  serviceId: string;
  staffId: string | null;
  petId: string | null;
  status: AppointmentStatus;
  startsAt: string;
  endsAt: string;
  priceCents: number;
  notes: string | null;
  cancelReason: string | null;
  serviceName: string;
  staffName: string | null;
  canCancel: boolean;
  canReschedule: boolean;
  policyNote?: string;
  cancelDeadline: string;
  rescheduleDeadline: string;
  reviewed: boolean;
}

export interface PortalPreferences {
  channelPreferences: Channel[];
  preferredStaffId: string | null;
  notificationsEnabled: boolean;
  marketingOptIn: boolean;
  smsOptIn: boolean;
  emailOptIn: boolean;
  whatsappOptIn: boolean;
}

export interface PortalMe {
  customer: { id: string; name: string; email: string | null; phone: string | null; timezone: string; deletionRequestedAt: string | null };
  business: { name: string; slug: string; timezone: string; currency: string; policies: { cancelWindowHours?: number; rescheduleWindowHours?: number } };
  preferences: PortalPreferences;
}

export interface PortalStats {
  visits: number;
  upcoming: number;
  cancelled: number;
  noShows: number;
  spentCents: number;
  customerSince: string;
  lastVisitAt: string | null;
  favouriteService: { id: string; name: string } | null;
}

export interface PortalPayment {
  id: string;
  appointmentId: string | null;
  kind: string;
  method: string;
  status: string;
  amountCents: number;
  refundedCents: number;
  currency: string;
  receiptNumber: string | null;
  note: string | null;
  paidAt: string | null;
  createdAt: string;
  receiptUrl: string | null;
}

export interface PortalPayments {
  items: PortalPayment[];
  balance: { outstandingCents: number; depositsHeldCents: number; lines: Array<{ description: string; outstandingCents: number }> };
}

export interface Vaccination {
  id: string;
  name: string;
  administeredOn: string;
  expiresOn: string;
  notes: string | null;
}

export interface PortalPet {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  birthDate: string | null;
  notes: string | null;
  vaccinations: Vaccination[];
}

export interface PetDocument {
  id: string;
  filename: string;
  status: 'pending_review' | 'accepted' | 'rejected';
  createdAt: string;
}

export interface CalendarLinks {
  google: string;
  outlook: string;
  office365: string;
  ics: string;
}

export interface Review {
  id: string;
  appointmentId: string;
  rating: number;
  comment: string | null;
}

/** A signed-in portal call; a refused session (401) drops the stored token so the sign-in page shows. */
async function call<T>(path: string, options: CustomerRequestOptions = {}): Promise<T> {
  const token = readPortalToken();
  try {
    return await customerRequest<T>(`/api/portal${path}`, { token, ...options });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && token) clearPortalToken();
    throw error;
  }
}

export const portalApi = {
  requestLink: (input: { slug: string; email: string; next?: string }) =>
    customerRequest<{ sent: boolean; message: string }>('/api/portal/login', { method: 'POST', body: input }),
  redeem: (token: string) => customerRequest<{ token: string; expiresAt: string; customerId: string }>('/api/portal/session', { method: 'POST', body: { token } }),
  logout: () => call<void>('/logout', { method: 'POST' }),
  me: () => call<PortalMe>('/me'),
  stats: () => call<PortalStats>('/stats'),
  appointments: (scope: 'upcoming' | 'past') => call<{ items: PortalAppointment[] }>('/appointments', { query: { scope } }),
  appointment: (id: string) => call<PortalAppointment>(`/appointments/${id}`),
  cancel: (id: string, reason?: string) => call<PortalAppointment>(`/appointments/${id}/cancel`, { method: 'POST', body: reason ? { reason } : {} }),
  reschedule: (id: string, startsAt: string, staffId?: string | null) =>
    call<PortalAppointment>(`/appointments/${id}`, { method: 'PATCH', body: { startsAt, ...(staffId !== undefined ? { staffId } : {}) } }),
  rebookSlots: (id: string) => call<{ serviceId: string; staffId: string | null; slots: Slot[] }>(`/appointments/${id}/rebook-slots`),
  rebook: (id: string, startsAt: string) => call<{ id: string; startsAt: string }>(`/appointments/${id}/rebook`, { method: 'POST', body: { startsAt } }),
  review: (id: string, input: { rating: number; comment?: string }) => call<Review>(`/appointments/${id}/review`, { method: 'POST', body: input }),
  calendarLinks: (id: string) => call<CalendarLinks>(`/appointments/${id}/calendar-links`),
  availability: (query: { serviceId: string; from: string; to: string; staffId?: string }) => call<Availability>('/availability', { query }),
  payments: () => call<PortalPayments>('/payments'),
  preferences: () => call<PortalPreferences>('/preferences'),
  savePreferences: (input: Partial<PortalPreferences>) => call<PortalPreferences>('/preferences', { method: 'PATCH', body: input }),
  pets: () => call<{ items: PortalPet[] }>('/pets'),
  addPet: (input: { name: string; species: string; breed?: string | null }) => call<PortalPet>('/pets', { method: 'POST', body: input }),
  petDocuments: (petId: string) => call<{ items: PetDocument[] }>(`/pets/${petId}/documents`),
  uploadRecord: (petId: string, form: FormData) => call<{ document: PetDocument; vaccinationId: string | null }>(`/pets/${petId}/documents`, { method: 'POST', form }),
  exportData: () => customerDownload('/api/portal/export', { token: readPortalToken() }),
  requestDeletion: (reason?: string) => call<{ deletionRequestedAt: string }>('/delete-request', { method: 'POST', body: reason ? { reason } : {} }),
  staff: (slug: string) => customerRequest<{ staff: Array<{ id: string; name: string }> }>(`/api/public/${encodeURIComponent(slug)}`),
};
