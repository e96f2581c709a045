import { ApplicationFailure } from '@temporalio/common';
import type { ActionErrorType } from '../../workflows/automation-run-contract';

export { NON_RETRYABLE_ACTION_ERRORS, type ActionErrorType } from '../../workflows/automation-run-contract';

/** A failure no retry can fix: the step takes its `failed` exit with the message as the reason. */
export function actionFailure(type: ActionErrorType, message: string, details?: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: details ? [details] : undefined });
}
