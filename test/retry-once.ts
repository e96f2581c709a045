/**
 * Integration and browser tests run on the real stack (PostgreSQL, a Temporal server, Chromium)
 * on a small, shared machine, where a timing-sensitive test can lose a race under load. One
 * retry, with the first failure printed, keeps such a loss visible without failing the run;
 * a test that fails twice fails.
 */
jest.retryTimes(1, { logErrorsBeforeRetry: true });
