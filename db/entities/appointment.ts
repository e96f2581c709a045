import { Check, Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { Location } from './location';
import { RefId } from './ref';
import { Service } from './service';
import { Staff } from './staff';

export const appointmentStatuses = [
  'pending',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

export const appointmentSources = ['online', 'phone', 'admin', 'portal', 'waitlist', 'import'] as const;
export type AppointmentSource = (typeof appointmentSources)[number];

export interface Participant {
  name: string;
  customerId?: string;
  petId?: string;
}

/**
 * One booking. Overlaps per staff member are refused by the database itself: see the
 * `appointments_no_overlap` exclusion constraint in the migrations. Seats of one group session
 * share a `sessionKey` and may overlap each other; nothing else may.
 */
@Entity({ tableName: 'appointments' })
@Index({ properties: ['tenantId', 'startsAt'] })
@Index({ properties: ['tenantId', 'customerId', 'startsAt'] })
@Check({ name: 'appointments_ends_after_starts', expression: 'ends_at > starts_at' })
@Check({ name: 'appointments_price_nonnegative', expression: 'price_cents >= 0' })
@Check({ name: 'appointments_seats_positive', expression: 'seats > 0' })
@Index({
  name: 'appointments_no_overlap',
  // Created by the booking_constraints migration; declared so schema diffs keep it.
  expression:
    'alter table "appointments" add constraint "appointments_no_overlap" exclude using gist ("staff_id" with =, tstzrange("starts_at", "ends_at", \'[)\') with &&, (coalesce("session_key", "id"::text)) with <>) where ("staff_id" is not null and "status" <> \'cancelled\')',
})
export class Appointment extends TenantScoped {
  @RefId(() => Service, { column: 'service_id' })
  serviceId!: string;

  @RefId(() => Staff, { column: 'staff_id', nullable: true })
  staffId?: string;

  @RefId(() => Customer, { column: 'customer_id' })
  customerId!: string;

  @RefId(() => Location, { column: 'location_id', nullable: true })
  locationId?: string;

  @Property({ type: 'uuid', nullable: true })
  petId?: string;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Enum({ items: () => appointmentStatuses, nativeEnumName: 'appointment_status' })
  status: AppointmentStatus & Opt = 'pending';

  @Enum({ items: () => appointmentSources, nativeEnumName: 'appointment_source' })
  source: AppointmentSource & Opt = 'admin';

  @Property({ type: 'integer' })
  priceCents!: number;

  @Property({ type: 'json' })
  participants: Participant[] & Opt = [];

  @Property({ type: 'text', nullable: true })
  notes?: string;

  @Property({ type: 'text', nullable: true })
  cancelReason?: string;

  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt?: Date;

  @Property({ type: 'json' })
  calendarEventIds: Record<string, string> & Opt = {};

  @Property({ type: 'text', nullable: true })
  meetingLink?: string;

  @Property({ type: 'timestamptz', nullable: true })
  arrivedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date;

  /** `appointment:<tenant>:<id>`, the entity workflow that owns this appointment's automations. */
  @Property({ type: 'string', length: 200, unique: 'appointments_workflow_id_unique' })
  workflowId!: string;

  @Property({ type: 'boolean' })
  overridden: boolean & Opt = false;

  @Property({ type: 'uuid', nullable: true })
  createdByUserId?: string;

  /** Seats this booking holds in a group session (the customer and their participants). */
  @Property({ type: 'integer' })
  seats: number & Opt = 1;

  /** Shared by every seat of one group session (service, staff, start); null for a one-to-one booking. */
  @Property({ type: 'string', length: 200, nullable: true })
  sessionKey?: string;

  /** The rest of the team of a collective service (staffId is the lead). */
  @Property({ type: 'json' })
  teamStaffIds: string[] & Opt = [];

  /** Raised on every change of time, staff or status: the iCal SEQUENCE. */
  @Property({ type: 'integer' })
  sequence: number & Opt = 0;

  /** Price before member pricing and package credits. */
  @Property({ type: 'integer', nullable: true })
  listPriceCents?: number;

  /** The package purchase whose credits paid for it, and how many. */
  @Property({ type: 'uuid', nullable: true })
  packagePurchaseId?: string;

  @Property({ type: 'integer' })
  creditsUsed: number & Opt = 0;

  /** The membership whose member price applied. */
  @Property({ type: 'uuid', nullable: true })
  membershipId?: string;
}
