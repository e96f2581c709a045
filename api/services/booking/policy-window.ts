import { DateTime } from 'luxon';
import type { Appointment, Tenant } from '../../../db/entities';
import { AppError } from '../../errors';

export type PolicyAction = 'cancel' | 'reschedule';
export type ChangeActor = 'customer' | 'staff';

export interface PolicyWindow {
  action: PolicyAction;
  hours: number;
  /** The last moment the customer may make the change themselves. */
  closesAt: Date;
  inside: boolean;
}

export function policyWindow(tenant: Tenant, action: PolicyAction, startsAt: Date, now: Date): PolicyWindow {
  const hours = action === 'cancel' ? (tenant.policies.cancelWindowHours ?? 24) : (tenant.policies.rescheduleWindowHours ?? 2);
  const closesAt = new Date(startsAt.getTime() - hours * 3_600_000);
  return { action, hours, closesAt, inside: now.getTime() > closesAt.getTime() };
}

/** The rule in words, for the customer who was refused. */
export function explainWindow(tenant: Tenant, window: PolicyWindow, zone?: string): string {
  const when = DateTime.fromJSDate(window.closesAt, { zone: zone ?? tenant.timezone }).toFormat("ccc d LLL 'at' h:mm a ZZZZ");
  const verb = window.action === 'cancel' ? 'cancelled' : 'moved';
  return `${tenant.name} lets bookings be ${verb} online up to ${window.hours} hour${window.hours === 1 ? '' : 's'} before the start; for this one that was ${when}. Please call ${tenant.name} to change it.`;
}

/**
 * Customers may cancel or move a booking only before its window closes (cancel 24 h, reschedule
 * 2 h by default; tenant policies). Staff may always, and a change inside the window is recorded
 * as a policy override (the facts returned here go into its audit row).
 */
export function enforcePolicyWindow(options: {
  tenant: Tenant;
  action: PolicyAction;
  appointment: Pick<Appointment, 'startsAt'>;
  actor: ChangeActor;
  now: Date;
  zone?: string;
}): { window: PolicyWindow; overridden: boolean } {
  const window = policyWindow(options.tenant, options.action, options.appointment.startsAt, options.now);
  if (!window.inside) return { window, overridden: false };
  if (options.actor === 'staff') return { window, overridden: true };
  throw new AppError(options.action === 'cancel' ? 'CANCEL_WINDOW_CLOSED' : 'RESCHEDULE_WINDOW_CLOSED', explainWindow(options.tenant, window, options.zone), [
    { path: 'startsAt', message: `the ${options.action} window closed at ${window.closesAt.toISOString()} (${window.hours} h before the start)`, code: 'POLICY_WINDOW_CLOSED' },
  ]);
}
