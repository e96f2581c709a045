import { defineSignal } from '@temporalio/workflow';

export const membershipBillingWorkflowType = 'membershipBillingWorkflow';

export interface MembershipBillingInput {
  tenantId: string;
  membershipId: string;
}

export type PeriodCharge =
  | { status: 'charged' | 'not_due'; nextChargeAt: string; period: number }
  | { status: 'ended' };

/** Sent when the membership is cancelled, so the next charge never comes. */
export const membershipCancelledSignal = defineSignal('membershipCancelled');

export function membershipWorkflowId(tenantId: string, membershipId: string): string {
  return `membership:${tenantId}:${membershipId}`;
}
