import { Automation, AutomationRun } from '../../../db/entities';
import type { RequestContext } from '../../context';
import type { ExecutionListQuery } from '../../routes/executions.schema';
import type { ResourceDefinition } from '../crud/resource';
import { listRecords } from '../crud/list-records';
import type { Page } from '../pagination';
import { type ExecutionSummary, presentExecution } from './present-execution';

export const executionResource: ResourceDefinition<AutomationRun, object, ExecutionListQuery> = {
  label: 'execution',
  entity: AutomationRun,
  sort: { field: 'startedAt', direction: 'desc', kind: 'date' },
  searchFields: [],
  softDelete: false,
  filters: (query) => [
    ...(query.automationId ? [{ automationId: query.automationId }] : []),
    ...(query.status ? [{ status: query.status }] : []),
    ...(query.customerId ? [{ customerId: query.customerId }] : []),
    ...(query.appointmentId ? [{ appointmentId: query.appointmentId }] : []),
    ...(query.from ? [{ startedAt: { $gte: new Date(query.from) } }] : []),
    ...(query.to ? [{ startedAt: { $lt: new Date(query.to) } }] : []),
  ],
  present: (run) => presentExecution(run, null) as unknown as Record<string, unknown>,
};

/** Names of the automations the runs belong to, in one query. */
export async function automationNames(ctx: Pick<RequestContext, 'em'>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.em.find(Automation, { id: { $in: [...new Set(ids)] } }, { fields: ['id', 'name'] });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The execution index, newest first, with filters. */
export async function listExecutions(ctx: RequestContext, query: ExecutionListQuery): Promise<Page<ExecutionSummary>> {
  const page = (await listRecords(ctx, executionResource, query)) as unknown as Page<ExecutionSummary>;
  const names = await automationNames(ctx, page.items.map((item) => item.automationId));
  return { ...page, items: page.items.map((item) => ({ ...item, automationName: names.get(item.automationId) ?? null })) };
}
