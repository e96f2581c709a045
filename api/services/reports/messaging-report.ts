import { currentOnly, type ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { num, scopeBindings, sqlRows } from './report-sql';
import { rollupPeriod } from './revenue-report';
import { ratio } from './report-types';

/** Outbound message counts from report_messages_daily (kept by triggers: report_message_rollups migration). */
const sent = `r.status in ('sent', 'delivered', 'undelivered')`;
const failed = `r.status in ('failed', 'undelivered')`;
/** Provider prices are in micro-units of the currency (Twilio reports them negative); cents = micros ÷ 10 000. */
const costCents = 'coalesce(round(sum(r.cost_micros) / 10000.0, 2), 0)';
const n = (filter: string) => `coalesce(sum(r.n) filter (where ${filter}), 0)::int`;

export const messagingReport: ReportDefinition = {
  name: 'messaging',
  title: 'Messaging',
  notes: [
    'Outbound messages created in the period. Sent = accepted by the provider (sent, delivered or undelivered); failed = failed or undelivered; suppressed messages (no consent, opted out) are counted apart.',
    'Response rate = customers messaged in the period who wrote back in the period ÷ customers messaged.',
    'Click-through = campaign recipients in the period who followed their tracked link at least once ÷ campaign recipients who were sent one (clicks counted to date).',
  ],
  async compute(em, scope, labels, options) {
    const b = scopeBindings(scope);
    const where = `m.tenant_id = :tenant and m.direction = 'outbound' and m.created_at >= :from and m.created_at < :to`;
    const daily = `from report_messages_daily r where ${rollupPeriod}`;
    const counts = `coalesce(sum(r.n), 0)::int as total, ${n(sent)} as sent, ${n(`r.status = 'delivered'`)} as delivered,
          ${n(failed)} as failed, ${n(`r.status = 'suppressed'`)} as suppressed, ${costCents} as cost`;
    const [totals, byChannel, byCampaign, replies, series, links] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `select ${counts} ${daily}`, b),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `select r.channel, ${counts} ${daily} group by 1 having sum(r.n) > 0 order by 1`, b)),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `select r.campaign, r.variant, ${counts}
          ${daily} group by 1, 2 having sum(r.n) > 0 order by 1, 2`, b)),
      // Distinct customers each way (index-only scans of the partial outbound/inbound indexes), then one hash join.
      sqlRows<Record<string, unknown>>(em, `with messaged as (select distinct m.customer_id from messages m where ${where} and m.customer_id is not null),
               replied as (select distinct i.customer_id from messages i where i.tenant_id = :tenant and i.direction = 'inbound' and i.created_at >= :from and i.created_at < :to)
          select count(*)::int as messaged, count(r.customer_id)::int as replied from messaged x left join replied r on r.customer_id = x.customer_id`, b),
      sqlRows<Record<string, unknown>>(em, `select to_char(date_trunc(:unit, r.day::timestamp), 'YYYY-MM-DD') as bucket, ${n(sent)} as sent,
          ${n(`r.status = 'delivered'`)} as delivered, ${n(failed)} as failed
          ${daily} group by 1`, b),
      sqlRows<Record<string, unknown>>(em, `
        with recipients as (select distinct m.campaign_id, coalesce(m.variant, '—') as variant, m.customer_id from messages m
                             where ${where} and m.campaign_id is not null and m.customer_id is not null),
             links as (select t.campaign_id, t.customer_id, sum(t.click_count)::int as clicks from tracked_links t
                        where t.tenant_id = :tenant and t.campaign_id is not null group by 1, 2)
        select cast(r.campaign_id as text) as campaign, r.variant, count(l.campaign_id)::int as tracked,
               count(*) filter (where l.clicks > 0)::int as clicked, coalesce(sum(l.clicks), 0)::int as clicks
          from recipients r left join links l on l.campaign_id = r.campaign_id and l.customer_id = r.customer_id group by 1, 2`, b),
    ]);
    const linkRow = (campaign: string, variant: string) => links.find((l) => l.campaign === campaign && l.variant === variant) ?? {};
    const linkTotals = links.reduce<{ tracked: number; clicked: number }>((acc, l) => ({ tracked: acc.tracked + num(l.tracked), clicked: acc.clicked + num(l.clicked) }), { tracked: 0, clicked: 0 });
    const t = totals[0] ?? {};
    const row = (r: Record<string, unknown>) => ({
      total: num(r.total), sent: num(r.sent), delivered: num(r.delivered), failed: num(r.failed), suppressed: num(r.suppressed),
      deliveryRate: ratio(num(r.delivered), num(r.sent)), failureRate: ratio(num(r.failed), num(r.total)), costCents: num(r.cost),
    });
    const rateColumns = [
      { key: 'total', label: 'Messages', type: 'count' as const }, { key: 'sent', label: 'Sent', type: 'count' as const }, { key: 'delivered', label: 'Delivered', type: 'count' as const },
      { key: 'failed', label: 'Failed', type: 'count' as const }, { key: 'suppressed', label: 'Suppressed', type: 'count' as const },
      { key: 'deliveryRate', label: 'Delivery rate', type: 'percent' as const }, { key: 'failureRate', label: 'Failure rate', type: 'percent' as const }, { key: 'costCents', label: 'Cost', type: 'money' as const },
    ];
    return {
      metrics: [
        { key: 'messages', label: 'Messages', unit: 'count', value: num(t.total) },
        { key: 'sentRate', label: 'Sent rate', unit: 'percent', value: ratio(num(t.sent), num(t.total)) },
        { key: 'deliveryRate', label: 'Delivery rate', unit: 'percent', value: ratio(num(t.delivered), num(t.sent)) },
        { key: 'failureRate', label: 'Failure rate', unit: 'percent', value: ratio(num(t.failed), num(t.total)) },
        { key: 'responseRate', label: 'Response rate', unit: 'percent', value: ratio(num(replies[0]?.replied), num(replies[0]?.messaged)) },
        { key: 'clickThroughRate', label: 'Click-through (campaign links)', unit: 'percent', value: ratio(linkTotals.clicked, linkTotals.tracked) },
        { key: 'costCents', label: 'Cost', unit: 'money', value: num(t.cost) },
      ],
      series: { unit: 'count', keys: [{ key: 'sent', label: 'Sent' }, { key: 'delivered', label: 'Delivered' }, { key: 'failed', label: 'Failed' }], points: fillSeries(labels, ['sent', 'delivered', 'failed'], series) },
      tables: [
        { key: 'byChannel', title: 'By channel', columns: [{ key: 'channel', label: 'Channel', type: 'string' }, ...rateColumns], rows: byChannel.map((r) => ({ channel: String(r.channel), ...row(r) })) },
        { key: 'byCampaign', title: 'By campaign and variant (A/B)',
          columns: [
            { key: 'campaign', label: 'Campaign', type: 'string' }, { key: 'variant', label: 'Variant', type: 'string' }, ...rateColumns,
            { key: 'linkRecipients', label: 'Sent a tracked link', type: 'count' }, { key: 'clickers', label: 'Clicked', type: 'count' },
            { key: 'clicks', label: 'Clicks', type: 'count' }, { key: 'clickThroughRate', label: 'Click-through', type: 'percent' },
          ],
          rows: byCampaign.map((r) => {
            const l = linkRow(String(r.campaign), String(r.variant));
            return { campaign: String(r.campaign), variant: String(r.variant), ...row(r), linkRecipients: num(l.tracked), clickers: num(l.clicked), clicks: num(l.clicks), clickThroughRate: ratio(num(l.clicked), num(l.tracked)) };
          }) },
      ],
    };
  },
};
