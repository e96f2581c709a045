import type { EntityManager } from '@mikro-orm/postgresql';
import type { SegmentPreview } from '../../routes/segments.schema';
import { compileSegment } from './compile-segment';
import type { SegmentFilter } from './segment-filter';

async function rows<T>(em: EntityManager, sql: string, bindings: unknown[]): Promise<T[]> {
  const result = await em.getKnex().raw(sql, bindings as never);
  return (result as { rows: T[] }).rows;
}

/** How many customers the filter matches now, and the first few of them (by name). */
export async function previewSegment(em: EntityManager, tenantId: string, filter: SegmentFilter, sampleSize = 10): Promise<SegmentPreview> {
  const { where, bindings } = compileSegment(tenantId, filter);
  const [counted, sample] = await Promise.all([
    rows<{ count: number }>(em, `select count(*)::int as count from customers c where ${where}`, bindings),
    sampleSize === 0
      ? Promise.resolve([])
      : rows<Record<string, unknown>>(
          em,
          `select c.id, c.name, c.email, c.phone, c.visit_count, c.last_visit_at, c.tags from customers c where ${where} order by c.name, c.id limit ?`,
          [...bindings, sampleSize],
        ),
  ]);
  return {
    count: counted[0]?.count ?? 0,
    sample: sample.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      email: (r.email as string | null) ?? null,
      phone: (r.phone as string | null) ?? null,
      visitCount: Number(r.visit_count),
      lastVisitAt: r.last_visit_at ? new Date(r.last_visit_at as string).toISOString() : null,
      tags: (r.tags as string[] | null) ?? [],
    })),
  };
}

/**
 * Fixes a campaign's audience: every matching customer becomes a recipient row, numbered in a
 * stable order (`seq`), in one INSERT … SELECT. Those in the A/B test share (`testPercent`,
 * chosen by a hash of the customer id, so the same customers whatever the order) are `test`,
 * the others `rest`. Running it again adds nobody twice.
 */
export async function materializeAudience(
  em: EntityManager,
  opts: { tenantId: string; campaignId: string; filter: SegmentFilter; testPercent: number },
): Promise<number> {
  const { where, bindings } = compileSegment(opts.tenantId, opts.filter);
  const sql = `insert into campaign_recipients (id, tenant_id, campaign_id, customer_id, seq, phase)
    select gen_random_uuid(), c.tenant_id, ?, c.id, row_number() over (order by c.created_at, c.id),
      case when (('x' || substr(md5(? || c.id::text), 1, 8))::bit(32)::bigint % 10000) < ? then 'test' else 'rest' end
    from customers c where ${where}
    on conflict do nothing`;
  await rows(em, sql, [opts.campaignId, opts.campaignId, Math.round(opts.testPercent * 100), ...bindings]);
  const counted = await rows<{ count: number }>(em, 'select count(*)::int as count from campaign_recipients where tenant_id = ? and campaign_id = ?', [opts.tenantId, opts.campaignId]);
  return counted[0]?.count ?? 0;
}
