import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { AutomationVersion, type Campaign } from '../../db/entities';
import { type AutomationDefinition, automationDefinitionSchema } from '../../workflows/dsl';

/** The automation version the campaign pinned at launch, parsed. */
export async function pinnedDefinition(em: EntityManager, campaign: Campaign): Promise<AutomationDefinition> {
  const version = campaign.automationVersionId ? await em.findOne(AutomationVersion, { id: campaign.automationVersionId }) : null;
  if (!version) throw ApplicationFailure.create({ message: `campaign ${campaign.id} has no published automation version`, type: 'InvalidCampaign', nonRetryable: true });
  const parsed = automationDefinitionSchema.safeParse(version.definition);
  if (!parsed.success) throw ApplicationFailure.create({ message: `campaign ${campaign.id}: its automation does not parse`, type: 'InvalidCampaign', nonRetryable: true });
  return parsed.data;
}

/** The variants of the definition's splits, in order (an A/B campaign has one split). */
export function splitVariants(definition: AutomationDefinition): string[] {
  return definition.nodes.flatMap((node) => (node.type === 'split' ? node.data.variants.map((v) => v.id) : []));
}

/**
 * The definition with the winner forced: every exit of a split that has the variant leads where
 * the winner's exit leads. The step machine then walks the winner's path whatever the hash says.
 */
export function forceVariant(definition: AutomationDefinition, variant: string): AutomationDefinition {
  const splits = new Set(definition.nodes.filter((n) => n.type === 'split' && n.data.variants.some((v) => v.id === variant)).map((n) => n.id));
  if (splits.size === 0) return definition;
  const winnerTarget = new Map<string, string>();
  for (const edge of definition.edges) if (splits.has(edge.source) && edge.sourceHandle === variant) winnerTarget.set(edge.source, edge.target);
  return {
    ...definition,
    edges: definition.edges.map((edge) => {
      const target = winnerTarget.get(edge.source);
      return target === undefined ? edge : { ...edge, target };
    }),
  };
}

/** Node types a campaign graph may hold: it runs start to end for each recipient, without waiting. */
export const CAMPAIGN_NODE_TYPES = new Set(['trigger', 'condition', 'split', 'sendSms', 'sendWhatsApp', 'sendEmail', 'addTag', 'removeTag', 'setVariable', 'end', 'goal']);
