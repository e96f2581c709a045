import type { EntityManager } from '@mikro-orm/postgresql';

/** One A/B variant's figures (or the whole campaign's, variant null). */
export interface VariantResult {
  variant: string | null;
  recipients: number;
  sent: number;
  delivered: number;
  failed: number;
  clicked: number;
  /** Appointments booked by a recipient within the attribution window after their message, not cancelled. */
  bookings: number;
  revenueCents: number;
  costCents: number;
  deliveryRate: number | null;
  clickRate: number | null;
  bookingRate: number | null;
  /** (revenue − cost) ÷ cost; null without a cost. */
  roi: number | null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/**
 * Per-variant results of a campaign: delivery from the messages, clicks from the tracked links,
 * bookings attributed to a message when the recipient booked within `attributionDays` after it
 * was sent. Cost is the providers' price (micro-units; cents = ÷ 10 000).
 */
export async function campaignResults(em: EntityManager, opts: { tenantId: string; campaignId: string; attributionDays: number }): Promise<VariantResult[]> {
  const result = await em.getKnex().raw(
    `with r as (
       select r.customer_id, r.variant, r.status, m.status as message_status, m.sent_at, m.price_micros
       from campaign_recipients r left join messages m on m.id = r.message_id and m.tenant_id = r.tenant_id
       where r.tenant_id = ? and r.campaign_id = ?
     ), booked as (
       select r.variant, count(distinct a.id)::int as bookings, coalesce(sum(a.price_cents), 0)::bigint as revenue
       from r join appointments a on a.tenant_id = ? and a.customer_id = r.customer_id and a.status <> 'cancelled'
         and a.created_at >= r.sent_at and a.created_at < r.sent_at + make_interval(days => ?)
       where r.status = 'sent' group by r.variant
     ), clicked as (
       select r.variant, count(*)::int as clicked from r join tracked_links l on l.tenant_id = ? and l.campaign_id = ? and l.customer_id = r.customer_id
       where l.click_count > 0 group by r.variant
     )
     select r.variant, count(*)::int as recipients,
       count(*) filter (where r.status = 'sent')::int as sent,
       count(*) filter (where r.message_status = 'delivered')::int as delivered,
       count(*) filter (where r.status = 'failed' or r.message_status in ('failed', 'undelivered'))::int as failed,
       coalesce(round(sum(abs(r.price_micros)) / 10000.0), 0)::int as cost_cents,
       coalesce(max(c.clicked), 0)::int as clicked, coalesce(max(b.bookings), 0)::int as bookings, coalesce(max(b.revenue), 0)::bigint as revenue
     from r left join booked b on b.variant is not distinct from r.variant left join clicked c on c.variant is not distinct from r.variant
     group by r.variant order by r.variant nulls first`,
    [opts.tenantId, opts.campaignId, opts.tenantId, opts.attributionDays, opts.tenantId, opts.campaignId],
  );
  return (result as { rows: Array<Record<string, unknown>> }).rows.map((row) => {
    const n = (v: unknown) => Number(v ?? 0);
    const sent = n(row.sent);
    const cost = n(row.cost_cents);
    const revenue = n(row.revenue);
    return {
      variant: (row.variant as string | null) ?? null,
      recipients: n(row.recipients),
      sent,
      delivered: n(row.delivered),
      failed: n(row.failed),
      clicked: n(row.clicked),
      bookings: n(row.bookings),
      revenueCents: revenue,
      costCents: cost,
      deliveryRate: ratio(n(row.delivered), sent),
      clickRate: ratio(n(row.clicked), sent),
      bookingRate: ratio(n(row.bookings), sent),
      roi: cost > 0 ? Math.round(((revenue - cost) / cost) * 100) / 100 : null,
    };
  });
}

/** The whole campaign: the variants added up. */
export function totalOf(variants: VariantResult[]): VariantResult {
  const sum = (key: keyof VariantResult) => variants.reduce((s, v) => s + Number(v[key] ?? 0), 0);
  const sent = sum('sent');
  const cost = sum('costCents');
  const revenue = sum('revenueCents');
  return {
    variant: null,
    recipients: sum('recipients'),
    sent,
    delivered: sum('delivered'),
    failed: sum('failed'),
    clicked: sum('clicked'),
    bookings: sum('bookings'),
    revenueCents: revenue,
    costCents: cost,
    deliveryRate: ratio(sum('delivered'), sent),
    clickRate: ratio(sum('clicked'), sent),
    bookingRate: ratio(sum('bookings'), sent),
    roi: cost > 0 ? Math.round(((revenue - cost) / cost) * 100) / 100 : null,
  };
}
