import { customerRequest } from './customer-client';
import type { Availability } from './slots';

export interface PublicService {
  id: string;
  name: string;
  description: string | null;
  category: string | null;
  durationMinutes: number;
  priceCents: number;
  depositCents: number | null;
  capacity: number;
  requiresVaccination: boolean;
  color: string | null;
}

export interface PublicStaff {
  id: string;
  name: string;
  title: string | null;
  color: string | null;
  serviceIds: string[];
}

export interface PublicBusiness {
  business: {
    name: string;
    slug: string;
    timezone: string;
    currency: string;
    branding?: { logoUrl?: string; primaryColor?: string } | null;
    policies: { cancelWindowHours?: number; rescheduleWindowHours?: number };
    rating: { average: number; count: number } | null;
  };
  services: PublicService[];
  staff: PublicStaff[];
}

export type FunnelStep = 'view' | 'service_selected' | 'slot_selected' | 'form_completed' | 'booked';

export interface PublicBookingInput {
  serviceId: string;
  staffId?: string | null;
  startsAt: string;
  customer: { name: string; email?: string | null; phone?: string | null; smsOptIn?: boolean; emailOptIn?: boolean; marketingOptIn?: boolean };
  pet?: { name: string; species: string; breed?: string | null };
  notes?: string | null;
  sessionId?: string;
}

export interface PublicBookingResult {
  appointment: { id: string; status: string; startsAt: string; endsAt: string; staffId: string | null; serviceId: string; priceCents: number };
  customer: { id: string; created: boolean };
}

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}`;

export const publicApi = {
  business: (slug: string, signal?: AbortSignal) => customerRequest<PublicBusiness>(base(slug), { signal }),
  availability: (slug: string, query: { serviceId: string; from: string; to: string; staffId?: string }, signal?: AbortSignal) =>
    customerRequest<Availability>(`${base(slug)}/availability`, { query, signal }),
  book: (slug: string, input: PublicBookingInput, idempotencyKey: string) =>
    customerRequest<PublicBookingResult>(`${base(slug)}/bookings`, { method: 'POST', body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  event: (slug: string, event: { sessionId: string; step: FunnelStep; serviceId?: string | null; staffId?: string | null; source?: string | null }) =>
    customerRequest<{ recorded: boolean }>(`${base(slug)}/events`, { method: 'POST', body: event }),
};
