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
import { ChatAttachment, ChatConversation, ChatMessage } from './chat';
import { StaffPresence } from './staff-presence';
import { VaccinationWatch } from './vaccination-watch';
import { ImportJob } from './import-job';
import { CalendarFeed } from './calendar-feed';
import { CalendarConnection, CalendarSettings } from './calendar-connection';
import { ExternalBusy } from './external-busy';
import { FunnelEvent } from './funnel-event';
import { Membership, MembershipPlan } from './membership';
import { Package, PackagePurchase } from './package';
import { PetDocument } from './pet-document';
import { PortalLoginLink, PortalSession } from './portal-auth';
import { Review } from './review';
import { WaitlistEntry, WaitlistOffer } from './waitlist';
import { Segment } from './segment';
import { Campaign } from './campaign';
import { CampaignRecipient } from './campaign-recipient';
import { TrackedLink } from './tracked-link';
import { ReportSchedule } from './report-schedule';
import { WorkflowSignal } from './workflow-signal';

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
  VaccinationWatch,
  ImportJob,
  CalendarFeed,
  CalendarConnection,
  CalendarSettings,
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
export * from './vaccination-watch';
export * from './import-job';
export * from './calendar-connection';
export * from './external-busy';
export * from './funnel-event';
export * from './report-schedule';
export * from './membership';
export * from './package';
export * from './pet-document';
export * from './service';
export * from './waitlist';
export * from './chat';
export * from './staff-presence';
export * from './segment';
export * from './campaign';
export * from './campaign-recipient';
export * from './tracked-link';
export * from './workflow-signal';

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
  ChatConversation,
  ChatMessage,
  ChatAttachment,
  StaffPresence,
  VaccinationWatch,
  ImportJob,
  CalendarConnection,
  CalendarSettings,
  Segment,
  Campaign,
  CampaignRecipient,
  TrackedLink,
  ReportSchedule,
  WorkflowSignal,
];

/** Entities whose rows the `tenant` filter scopes (all but Tenant itself). */
export const tenantScopedEntityNames = entities.filter((e) => e !== Tenant).map((e) => e.name);
