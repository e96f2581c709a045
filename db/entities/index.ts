import { Appointment } from './appointment';
import { AuditLog } from './audit-log';
import { Automation } from './automation';
import { AutomationRun } from './automation-run';
import { AutomationVersion } from './automation-version';
import { AvailabilityRule, DateOverride, TimeOff } from './availability';
import { Customer } from './customer';
import { IdempotencyKey } from './idempotency-key';
import { Location } from './location';
import { Message } from './message';
import { MessageTemplate } from './message-template';
import { NoShowRecord } from './no-show-record';
import { Payment } from './payment';
import { Pet } from './pet';
import { ReputationEvent } from './reputation-event';
import { RunStep } from './run-step';
import { Service } from './service';
import { Staff } from './staff';
import { Tenant } from './tenant';
import { User } from './user';
import { Vaccination } from './vaccination';
import { CalendarFeed } from './calendar-feed';
import { ExternalBusy } from './external-busy';
import { FunnelEvent } from './funnel-event';
import { Membership, MembershipPlan } from './membership';
import { Package, PackagePurchase } from './package';
import { PetDocument } from './pet-document';
import { PortalLoginLink, PortalSession } from './portal-auth';
import { Review } from './review';
import { WaitlistEntry, WaitlistOffer } from './waitlist';

export {
  Appointment,
  AuditLog,
  Automation,
  AutomationRun,
  AutomationVersion,
  AvailabilityRule,
  Customer,
  DateOverride,
  IdempotencyKey,
  Location,
  Message,
  MessageTemplate,
  NoShowRecord,
  Payment,
  Pet,
  ReputationEvent,
  RunStep,
  Service,
  Staff,
  Tenant,
  TimeOff,
  User,
  Vaccination,
  CalendarFeed,
  ExternalBusy,
  FunnelEvent,
  Membership,
  MembershipPlan,
  Package,
  PackagePurchase,
  PetDocument,
  PortalLoginLink,
  PortalSession,
  Review,
  WaitlistEntry,
  WaitlistOffer,
};
export * from './appointment';
export * from './automation';
export * from './automation-run';
export * from './message';
export * from './message-template';
export * from './payment';
export * from './run-step';
export * from './tenant';
export * from './user';
export * from './calendar-feed';
export * from './external-busy';
export * from './funnel-event';
export * from './membership';
export * from './package';
export * from './pet-document';
export * from './service';
export * from './waitlist';

/** Every entity, for the ORM config. */
export const entities = [
  Tenant,
  User,
  Location,
  Staff,
  Service,
  AvailabilityRule,
  DateOverride,
  TimeOff,
  Customer,
  Pet,
  Vaccination,
  Appointment,
  Payment,
  MessageTemplate,
  Message,
  Automation,
  AutomationVersion,
  AutomationRun,
  RunStep,
  ReputationEvent,
  NoShowRecord,
  AuditLog,
  IdempotencyKey,
  ExternalBusy,
  WaitlistEntry,
  WaitlistOffer,
  Package,
  PackagePurchase,
  MembershipPlan,
  Membership,
  Review,
  FunnelEvent,
  PortalLoginLink,
  PortalSession,
  CalendarFeed,
  PetDocument,
];

/** Entities whose rows the `tenant` filter scopes (all but Tenant itself). */
export const tenantScopedEntityNames = entities.filter((e) => e !== Tenant).map((e) => e.name);
