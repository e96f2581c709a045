import type { MikroORM } from '@mikro-orm/postgresql';
import { createAdjustReputationActivity } from './adjust-reputation';
import { createCallWebhookActivity } from './call-webhook';
import { createChargeNoShowFeeActivity } from './charge-no-show-fee';
import { createChangeCustomerTagActivity } from './customer-tags';
import { createFindTriggeredAutomationsActivity } from './find-triggered-automations';
import { createNotifyStaffActivity } from './notify-staff';
import { createRecordRunProgressActivity } from './record-run-progress';
import { createUpdateAppointmentStatusActivity } from './update-appointment-status';

export interface AutomationActivityDeps {
  orm: MikroORM;
  /** For webhook calls; tests pass their own. */
  fetch?: typeof fetch;
}

/** The activities the automation engine runs (messages go through the messaging activities). */
export function createAutomationActivities(deps: AutomationActivityDeps) {
  return {
    findTriggeredAutomations: createFindTriggeredAutomationsActivity(deps),
    recordRunProgress: createRecordRunProgressActivity(deps),
    updateAppointmentStatus: createUpdateAppointmentStatusActivity(deps),
    chargeNoShowFee: createChargeNoShowFeeActivity(deps),
    adjustReputation: createAdjustReputationActivity(deps),
    changeCustomerTag: createChangeCustomerTagActivity(deps),
    notifyStaff: createNotifyStaffActivity(deps),
    callWebhook: createCallWebhookActivity(deps.fetch ? { fetch: deps.fetch } : {}),
  };
}

export type AutomationActivities = ReturnType<typeof createAutomationActivities>;
export type { ActionOutcome } from './action-outcome';
export type { TriggeredAutomation } from './find-triggered-automations';
export type { RunIndexRecord, RecordRunProgressInput } from './record-run-progress';
export { NON_RETRYABLE_ACTION_ERRORS } from './errors';
export { noShowFeeCents } from './charge-no-show-fee';
export { clampReputation } from './adjust-reputation';
