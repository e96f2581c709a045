import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

/** One recorded workflow execution. */
export interface RecordedHistory {
  workflowId: string;
  /** temporal.api.history.v1.History as JSON: longs and bytes as strings, enums by name. */
  history: Record<string, unknown>;
}

const { History } = temporal.api.history.v1;

/**
 * Histories are stored with the proto's own object conversion rather than the SDK's
 * historyToJSON, which fails when npm installs two copies of protobufjs (its `instanceof Type`
 * check then sees a foreign class).
 */
export function historyToFixture(history: History): Record<string, unknown> {
  return History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
}

export function historyFromFixture(json: Record<string, unknown>): History {
  return History.fromObject(json);
}
