import type { GroupBy, Preset, ReportQuery } from '../api/reports';

export const PRESETS: Array<{ value: Preset; label: string }> = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '1y', label: '1 year' },
];
export const GROUP_BYS: GroupBy[] = ['day', 'week', 'month', 'year'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter lives in the address (?preset=30d&groupBy=week or ?from=…&to=…), so it survives tab switches and reloads. */
export function queryFromParams(params: URLSearchParams): ReportQuery {
  const groupByParam = params.get('groupBy');
  const groupBy = GROUP_BYS.includes(groupByParam as GroupBy) ? (groupByParam as GroupBy) : undefined;
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && DATE.test(from) && DATE.test(to)) return { from, to, groupBy };
  const preset = params.get('preset');
  return { preset: PRESETS.some((p) => p.value === preset) ? (preset as Preset) : '30d', groupBy };
}

export function paramsFromQuery(query: ReportQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.preset) params.set('preset', query.preset);
  else {
    params.set('from', query.from);
    params.set('to', query.to);
  }
  if (query.groupBy) params.set('groupBy', query.groupBy);
  return params;
}
