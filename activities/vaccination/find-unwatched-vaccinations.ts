import type { MikroORM } from '@mikro-orm/postgresql';

export interface UnwatchedVaccinationsPage {
  /** Current records that no watch covers yet (imports, a start that failed after the commit). */
  start: Array<{ tenantId: string; vaccinationId: string }>;
  /** Watched records that a newer record replaced without their watch being told (imports). */
  renew: Array<{ tenantId: string; vaccinationId: string; renewedById: string }>;
  /** Resume after this vaccination id; absent on the last page. */
  next?: string;
}

/**
 * One page (by id, across every tenant) of the vaccinations the daily sweep must act on. Only
 * records not yet expired (`today` − 1 day, so every zone's today is covered) of tenants with an
 * active vaccination automation count. A watch that ended because no automation was active is
 * started again once one is.
 */
export function createFindUnwatchedVaccinationsActivity(deps: { orm: MikroORM }) {
  return async function findUnwatchedVaccinations(input: { after?: string; today: string; limit?: number }): Promise<UnwatchedVaccinationsPage> {
    const limit = Math.min(Math.max(input.limit ?? 500, 1), 2000);
    const rows = await deps.orm.em.fork().execute<Array<{ id: string; tenant_id: string; watch_id: string | null; ended_at: Date | null; end_reason: string | null; renewed_by: string | null }>>(
      `select v.id, v.tenant_id, w.id as watch_id, w.ended_at, w.end_reason,
         (select n.id from vaccinations n
           where n.pet_id = v.pet_id and n.id <> v.id
             and lower(regexp_replace(btrim(n.name), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim(v.name), '\\s+', ' ', 'g'))
             and (n.expires_on, n.administered_on, n.created_at, n.id) > (v.expires_on, v.administered_on, v.created_at, v.id)
           order by n.expires_on desc, n.administered_on desc, n.created_at desc, n.id desc limit 1) as renewed_by
       from vaccinations v
       left join vaccination_watches w on w.vaccination_id = v.id
       where v.expires_on >= (?::date - 1) and (?::uuid is null or v.id > ?::uuid)
         and exists (select 1 from automations a where a.tenant_id = v.tenant_id and a.trigger_event = 'vaccination.recorded' and a.status = 'active')
       order by v.id
       limit ?`,
      [input.today, input.after ?? null, input.after ?? null, limit],
    );
    const page: UnwatchedVaccinationsPage = { start: [], renew: [] };
    for (const row of rows) {
      if (row.renewed_by) {
        if (row.watch_id && !row.ended_at) page.renew.push({ tenantId: row.tenant_id, vaccinationId: row.id, renewedById: row.renewed_by });
      } else if (!row.watch_id || row.end_reason === 'no-automation') {
        page.start.push({ tenantId: row.tenant_id, vaccinationId: row.id });
      }
    }
    const last = rows[rows.length - 1];
    if (rows.length === limit && last) page.next = last.id;
    return page;
  };
}
