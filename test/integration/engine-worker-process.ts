/**
 * Test-only entry point: the real worker (worker/main.ts, configured from the environment like
 * any replica) with one difference. The `twilio` client has no base-URL option, so before the
 * worker loads, every request its RequestClient makes to https://api.twilio.com is sent to
 * FAKE_TWILIO_URL instead (the fake Twilio API on loopback, or a proxy in front of it).
 *
 * Chosen over a test-only setting in the product code: nothing in activities/ knows about tests,
 * and the worker process runs exactly the code a deployment runs. Start it with
 * `node --import tsx test/integration/engine-worker-process.ts`, so the pid is the worker's own
 * (`tsx` itself would run it in a child process that a SIGKILL of the parent leaves running).
 */
import twilio from 'twilio';

const target = process.env.FAKE_TWILIO_URL;
if (!target) {
  console.error('FAKE_TWILIO_URL is required: this entry point is for tests only');
  process.exit(2);
}

const request = twilio.RequestClient.prototype.request;
twilio.RequestClient.prototype.request = function redirected(this: twilio.RequestClient, opts) {
  return request.call(this, { ...opts, uri: String(opts.uri).replace(/^https:\/\/[a-z0-9.-]*api\.twilio\.com/i, target) });
} as typeof request;

// Loaded only now, after the redirect is in place (an import would be hoisted above it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../worker/main');
