import { customerRequest } from '../api/customer-client';

export type OfferStatus = 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

/** GET /api/public/waitlist-offers/:token — the offer behind the secret in an SMS or email link. */
export interface WaitlistOffer {
  id: string;
  status: OfferStatus;
  business: { name: string; slug: string; timezone: string };
  service: { id: string; name: string; durationMinutes: number };
  staff: { id: string; name: string } | null;
  startsAt: string;
  endsAt: string;
  /** When the hold ends: after that the slot goes to the next person in line. */
  expiresAt: string;
  appointmentId: string | null;
}

/** The appointment booked by an accept (the booking API's appointment body). */
export interface BookedAppointment {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
  staffId: string | null;
  serviceId: string;
}

const base = (token: string) => `/api/public/waitlist-offers/${encodeURIComponent(token)}`;

export const offerApi = {
  get: (token: string, signal?: AbortSignal) => customerRequest<WaitlistOffer>(base(token), { signal }),
  accept: (token: string) => customerRequest<BookedAppointment>(`${base(token)}/accept`, { method: 'POST', body: {} }),
  decline: (token: string) => customerRequest<WaitlistOffer>(`${base(token)}/decline`, { method: 'POST' }),
};

/** An offer can be answered while it is pending and its hold has not run out. */
export const isOpen = (offer: WaitlistOffer, now: number) => offer.status === 'pending' && Date.parse(offer.expiresAt) > now;
