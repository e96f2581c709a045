import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The short code of a recipient's link: the same (campaign, customer) always gets the same one. */
export function trackedLinkCode(campaignId: string, customerId: string): string {
  return createHash('sha256').update(`${campaignId}:${customerId}`).digest('base64url').slice(0, 11);
}

export function trackedLinkUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/l/${code}`;
}

/** Creates the links of a batch of recipients in one statement; existing ones are kept. */
export async function ensureTrackedLinks(
  em: EntityManager,
  links: { tenantId: string; campaignId: string; url: string; customerIds: string[] },
): Promise<void> {
  if (links.customerIds.length === 0) return;
  const values = links.customerIds.map(() => '(gen_random_uuid(), ?, ?, ?, ?, ?)').join(', ');
  const bindings = links.customerIds.flatMap((customerId) => [links.tenantId, trackedLinkCode(links.campaignId, customerId), links.url, links.campaignId, customerId]);
  await em.getKnex().raw(`insert into tracked_links (id, tenant_id, code, url, campaign_id, customer_id) values ${values} on conflict (code) do nothing`, bindings);
}
