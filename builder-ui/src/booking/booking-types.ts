import type { Slot } from '../api/slots';

export type BookingStep = 'service' | 'staff' | 'slot' | 'details' | 'confirm' | 'done';

export const ANY_STAFF = 'any';

export interface BookingDetails {
  name: string;
  email: string;
  phone: string;
  petName: string;
  petSpecies: string;
  petBreed: string;
  notes: string;
  smsOptIn: boolean;
  emailOptIn: boolean;
  marketingOptIn: boolean;
}

export const emptyDetails: BookingDetails = {
  name: '',
  email: '',
  phone: '',
  petName: '',
  petSpecies: 'Dog',
  petBreed: '',
  notes: '',
  smsOptIn: false,
  emailOptIn: true,
  marketingOptIn: false,
};

export interface BookingSelection {
  serviceId: string | null;
  /** A staff member's id, or ANY_STAFF. */
  staffId: string;
  slot: Slot | null;
}

/** "+1 (212) 555-0142" → "+12125550142"; null when it cannot be an E.164 number. */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const digits = trimmed.replace(/[^\d]/g, '');
  const withPlus = trimmed.startsWith('+') ? `+${digits}` : trimmed.startsWith('00') ? `+${digits.slice(2)}` : null;
  return withPlus && /^\+[1-9]\d{6,14}$/.test(withPlus) ? withPlus : null;
}

export function validateDetails(details: BookingDetails): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!details.name.trim()) errors.name = 'is required';
  const email = details.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'does not look like an email address';
  if (details.phone.trim() && !normalizePhone(details.phone)) errors.phone = 'needs the country code, like +1 212 555 0142';
  if (!email && !details.phone.trim()) errors.email = 'or a phone number is needed so we can reach you';
  if (details.smsOptIn && !details.phone.trim()) errors.phone = 'is needed for text reminders';
  if (details.petName.trim() && !details.petSpecies.trim()) errors.petSpecies = 'is required';
  return errors;
}
