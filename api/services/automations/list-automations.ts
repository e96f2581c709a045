import { Automation } from '../../../db/entities';
import type { RequestContext } from '../../context';
import type { AutomationListQuery, AutomationSummary } from '../../routes/automations.schema';
import type { ResourceDefinition } from '../crud/resource';
import { listRecords } from '../crud/list-records';
import type { Page } from '../pagination';
import { automationStats } from './automation-stats';
import { noStats, presentAutomationSummary } from './present-automation';

export const automationResource: ResourceDefinition<Automation, object, AutomationListQuery> = {
  label: 'automation',
  entity: Automation,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'description'],
  softDelete: false,
  filters: (query) => [
    ...(query.status === 'all' ? [] : [query.status ? { status: query.status } : { status: { $ne: 'archived' as const } }]),
    ...(query.triggerEvent ? [{ triggerEvent: query.triggerEvent }] : []),
  ],
  present: (automation) => presentAutomationSummary(automation),
};

/** A page of automations (alphabetical), each with its run statistics. */
export async function listAutomations(ctx: RequestContext, query: AutomationListQuery): Promise<Page<AutomationSummary>> {
  const page = (await listRecords(ctx, automationResource, query)) as Page<AutomationSummary>;
  const stats = await automationStats(ctx, page.items.map((item) => item.id));
  return { ...page, items: page.items.map((item) => ({ ...item, stats: stats.get(item.id) ?? noStats() })) };
}
