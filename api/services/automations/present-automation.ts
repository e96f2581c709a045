import type { Automation } from '../../../db/entities';
import type { AutomationBody, AutomationSummary } from '../../routes/automations.schema';

export interface AutomationStats {
  runsInFlight: number;
  lastRunAt: string | null;
  failures7d: number;
}

export const noStats = (): AutomationStats => ({ runsInFlight: 0, lastRunAt: null, failures7d: 0 });

export function presentAutomationSummary(automation: Automation, stats: AutomationStats = noStats()): AutomationSummary {
  return {
    id: automation.id,
    name: automation.name,
    description: automation.description ?? null,
    triggerEvent: automation.triggerEvent,
    status: automation.status,
    publishedVersion: automation.publishedVersion ?? null,
    publishedVersionId: automation.publishedVersionId ?? null,
    templateKey: automation.templateKey ?? null,
    createdAt: automation.createdAt.toISOString(),
    updatedAt: automation.updatedAt.toISOString(),
    stats,
  };
}

/** The full automation: the summary plus the draft, and whether the draft differs from what runs. */
export function presentAutomation(
  automation: Automation,
  options: { stats?: AutomationStats; publishedDefinition?: Record<string, unknown> | null } = {},
): AutomationBody {
  const published = options.publishedDefinition;
  return {
    ...presentAutomationSummary(automation, options.stats),
    draft: automation.draft as AutomationBody['draft'],
    hasUnpublishedChanges: !published || canonicalJson(published) !== canonicalJson(automation.draft),
  };
}

/** JSON with object keys sorted, so two equal definitions compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
