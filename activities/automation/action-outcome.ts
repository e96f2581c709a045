import type { ActionResult } from '../../workflows/dsl';

/** What an action activity answers: the step machine's ActionResult plus facts for the RunStep row. */
export interface ActionOutcome extends ActionResult {
  output?: Record<string, unknown>;
  /**
   * Not done yet, but allowed from this time (ISO-8601): a send held back by quiet hours. The run
   * waits until then (still listening for events and goals) and tries the same send, same key, again.
   */
  deferUntil?: string;
}
