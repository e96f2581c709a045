/** Every workflow the worker registers. Deterministic code only: see eslint's rules for this folder. */
export { appointmentWorkflow } from './appointment';
export { automationRun } from './automation-run';
export { waitlistOfferWorkflow } from './waitlist-offer';
export { membershipBillingWorkflow } from './membership-billing';
