import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';

/**
 * Which of these workflows are still running, asked of Temporal through the worker's own client.
 * A workflow that closed or never existed is not open. A parent uses it to wait for cancelled
 * children that close without reporting back, instead of taking a timer's expiry for their end.
 */
export async function openWorkflows(input: { workflowIds: string[] }): Promise<string[]> {
  const { client } = Context.current();
  const open: string[] = [];
  for (const workflowId of input.workflowIds) {
    try {
      const description = await client.workflow.getHandle(workflowId).describe();
      if (description.status.name === 'RUNNING') open.push(workflowId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
  return open;
}
