import type { AutomationEdge } from '../../automation/dsl';
import { handleOf } from './exits';

/** A readable id not yet taken: "sendSms", then "sendSms-2", "sendSms-3"… */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 56) || 'node';
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n += 1) {
    const candidate = `${clean}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function edgeIdFor(edge: Pick<AutomationEdge, 'source' | 'target' | 'sourceHandle'>, taken: ReadonlySet<string>): string {
  return freshId(`${edge.source}-${handleOf(edge)}-${edge.target}`, taken);
}
