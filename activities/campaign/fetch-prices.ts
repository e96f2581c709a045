import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../runtime/logger';
import type { Providers } from '../messaging/providers';
import { tenantEm } from '../automation/scope';

const PAGE = 500;
const CONCURRENCY = 8;

/**
 * Looks up the price of the campaign's sent messages that have none yet (Twilio's status
 * callback often arrives before the price is set). Answers how many are still without one.
 */
export function createFetchCampaignPricesActivity(deps: { orm: MikroORM; logger: Logger; providers: Pick<Providers, 'sms' | 'whatsapp'> }) {
  return async function fetchCampaignPrices(input: { tenantId: string; campaignId: string }): Promise<{ updated: number; missing: number }> {
    const em = tenantEm(deps.orm, input.tenantId);
    let updated = 0;
    let missing = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await em.getKnex().raw(
        `select m.id, m.channel, m.provider, m.provider_message_id from campaign_recipients r join messages m on m.id = r.message_id and m.tenant_id = r.tenant_id
         where r.tenant_id = ? and r.campaign_id = ? and m.id > ? and m.price_micros is null and m.provider_message_id is not null
           and m.channel in ('sms', 'whatsapp') and m.status in ('sent', 'delivered', 'undelivered')
         order by m.id limit ?`,
        [input.tenantId, input.campaignId, after, PAGE],
      )).rows as Array<{ id: string; channel: 'sms' | 'whatsapp'; provider: string; provider_message_id: string }>;
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      for (let i = 0; i < rows.length; i += CONCURRENCY) {
        await Promise.all(
          rows.slice(i, i + CONCURRENCY).map(async (row) => {
            const provider = deps.providers[row.channel];
            if (!provider.fetchPrice || provider.name !== row.provider) return;
            try {
              const price = await provider.fetchPrice(row.provider_message_id);
              if (!price) {
                missing += 1;
                return;
              }
              await em.getKnex().raw('update messages set price_micros = ?, price_currency = ?, updated_at = now() where id = ? and tenant_id = ? and price_micros is null', [
                price.priceMicros,
                price.priceCurrency ?? null,
                row.id,
                input.tenantId,
              ]);
              updated += 1;
            } catch (err) {
              missing += 1;
              deps.logger.warn({ tenantId: input.tenantId, messageId: row.id, err: (err as Error).message }, 'price lookup failed');
            }
          }),
        );
      }
      if (rows.length < PAGE) break;
    }
    return { updated, missing };
  };
}
