import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../worker/workflow-bundle';
import { historyFromFixture, type RecordedHistory } from './history-file';

/**
 * Determinism guard: histories recorded from real runs (test/replay/record-histories.ts) must
 * replay against today's workflow code. A failure means a change needs `patched()`.
 */
const FIXTURES = path.join(__dirname, 'fixtures');
const files = fs.readdirSync(FIXTURES).filter((file) => file.endsWith('.json')).sort();

test('there are recorded histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(4);
});

test.each(files)('%s replays without nondeterminism', async (file) => {
  const recorded = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as RecordedHistory[];
  const histories = recorded.map((entry) => ({ workflowId: entry.workflowId, history: historyFromFixture(entry.history) }));
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
    results.push({ workflowId: result.workflowId, error: result.error?.message });
  }
  expect(results).toEqual(recorded.map((entry) => ({ workflowId: entry.workflowId, error: undefined })));
}, 120_000);
