/** Every workflow the worker registers. Deterministic code only: see eslint's rules for this folder. */
export { appointmentWorkflow } from './appointment';
export { automationRun } from './automation-run';
export { waitlistOfferWorkflow } from './waitlist-offer';
export { membershipBillingWorkflow } from './membership-billing';
export { vaccinationWatch } from './vaccination-watch';
export { vaccinationWatchSweep } from './vaccination-watch-sweep';
export { automationSchedule } from './automation-schedule';
export { calendarSyncWorkflow } from './calendar-sync';
export { campaignWorkflow } from './campaign';
export { reportSummaryWorkflow } from './report-schedule';
