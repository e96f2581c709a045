import { stopTestStack, takeTestStack } from './helpers/test-stack';

/** Jest globalTeardown of the integration project: stops what test/global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const stack = takeTestStack();
  if (stack) await stopTestStack(stack);
}
