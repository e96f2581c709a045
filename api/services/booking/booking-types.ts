import type { AppointmentSource, Participant } from '../../../db/entities';
import type { AuthenticatedUser } from '../../context';

/**
 * Who books. Staff book from the admin side (the front desk): working hours bind them only when
 * the staff member has hours set, and owners/admins may override. Customers book from the
 * public page, the portal or a waitlist offer: only a slot the engine offers is accepted.
 */
export type BookingActor =
  | { kind: 'staff'; user: AuthenticatedUser }
  | { kind: 'customer'; customerId: string; via: 'online' | 'portal' | 'waitlist'; waitlistOfferId?: string };

export interface BookingInput {
  serviceId: string;
  staffId?: string | null;
  customerId: string;
  petId?: string | null;
  startsAt: string;
  /** Seats in a group session; default the number of participants, else 1. */
  seats?: number;
  participants?: Participant[];
  notes?: string | null;
  source?: AppointmentSource;
  /** Owner/admin: outside availability and booking policies (never past double booking). */
  override?: boolean;
  overrideReason?: string;
  /** Any staff role: book although the pet's vaccination will have expired by then. */
  overrideVaccination?: boolean;
  /** Pay with this package purchase's credits; `usePackage: false` pays the price instead. */
  packagePurchaseId?: string;
  usePackage?: boolean;
}

/** A policy an override set aside, for the audit row. */
export interface PolicyBypass {
  policy: string;
  facts: Record<string, unknown>;
}

export const isOwnerOrAdmin = (actor: BookingActor): boolean =>
  actor.kind === 'staff' && (actor.user.role === 'owner' || actor.user.role === 'admin');
