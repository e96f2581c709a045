import type { SegmentFilter } from './segment-filter';

/** A WHERE clause over `customers c` with positional `?` bindings (knex raw). */
export interface CompiledSegment {
  where: string;
  bindings: unknown[];
}

/** A text[] from a JSON array binding: knex would spread a JS array binding into a list. */
const textArray = 'array(select jsonb_array_elements_text(?::jsonb))';
const json = (values: readonly unknown[]) => JSON.stringify(values);

const completed = `a.tenant_id = c.tenant_id and a.customer_id = c.id and a.status = 'completed'`;

/**
 * Compiles a segment filter to SQL. The tenant condition is always the first term, so raw
 * queries built on it never reach another tenant's rows (they bypass the ORM's filter).
 * Every value travels as a binding; only fixed fragments are concatenated.
 */
export function compileSegment(tenantId: string, filter: SegmentFilter): CompiledSegment {
  const terms: string[] = ['c.tenant_id = ?', 'c.deletion_requested_at is null'];
  const bindings: unknown[] = [tenantId];
  const add = (sql: string, ...values: unknown[]) => {
    terms.push(sql);
    bindings.push(...values);
  };

  const { lastVisit, visitCount, spendCents, servicesUsed, tags, reputation, pets, channels, birthdayMonths } = filter;
  if (lastVisit?.withinDays !== undefined) add(`c.last_visit_at >= now() - make_interval(days => ?)`, lastVisit.withinDays);
  if (lastVisit?.notWithinDays !== undefined) add(`(c.last_visit_at is null or c.last_visit_at < now() - make_interval(days => ?))`, lastVisit.notWithinDays);
  if (lastVisit?.never !== undefined) add(lastVisit.never ? 'c.last_visit_at is null' : 'c.last_visit_at is not null');

  if (visitCount?.min !== undefined) add('c.visit_count >= ?', visitCount.min);
  if (visitCount?.max !== undefined) add('c.visit_count <= ?', visitCount.max);

  if (spendCents) {
    const spend = `(select coalesce(sum(a.price_cents), 0) from appointments a where ${completed})`;
    if (spendCents.min !== undefined) add(`${spend} >= ?`, spendCents.min);
    if (spendCents.max !== undefined) add(`${spend} <= ?`, spendCents.max);
  }

  if (servicesUsed) {
    const ids = [...new Set(servicesUsed.serviceIds)];
    const used = `(select count(distinct a.service_id) from appointments a where ${completed} and a.service_id::text = any(${textArray}))`;
    add(servicesUsed.match === 'all' ? `${used} = ?` : `${used} >= 1`, json(ids), ...(servicesUsed.match === 'all' ? [ids.length] : []));
  }

  if (tags?.any?.length) add(`jsonb_exists_any(c.tags, ${textArray})`, json(tags.any));
  if (tags?.all?.length) add(`jsonb_exists_all(c.tags, ${textArray})`, json(tags.all));
  if (tags?.none?.length) add(`not jsonb_exists_any(c.tags, ${textArray})`, json(tags.none));

  if (reputation?.min !== undefined) add('c.reputation_score >= ?', reputation.min);
  if (reputation?.max !== undefined) add('c.reputation_score <= ?', reputation.max);

  if (pets) {
    const petTerms = ['p.tenant_id = c.tenant_id', 'p.customer_id = c.id', 'p.active'];
    const petBindings: unknown[] = [];
    if (pets.species?.length) {
      petTerms.push(`lower(p.species) = any(${textArray})`);
      petBindings.push(json(pets.species.map((s) => s.toLowerCase())));
    }
    const vacc = `from vaccinations v where v.tenant_id = p.tenant_id and v.pet_id = p.id`;
    // The newest record of each vaccine is the one that counts (a renewal replaces an expired one).
    const latest = `(select distinct on (lower(v.name)) v.expires_on ${vacc} order by lower(v.name), v.expires_on desc)`;
    switch (pets.vaccination) {
      case 'valid':
        petTerms.push(`exists (select 1 ${vacc})`, `not exists (select 1 from ${latest} l where l.expires_on < current_date)`);
        break;
      case 'expired':
        petTerms.push(`exists (select 1 from ${latest} l where l.expires_on < current_date)`);
        break;
      case 'expiring':
        petTerms.push(`exists (select 1 from ${latest} l where l.expires_on >= current_date and l.expires_on <= current_date + ?::int)`);
        petBindings.push(pets.expiringWithinDays ?? 30);
        break;
      case 'missing':
        petTerms.push(`not exists (select 1 ${vacc})`);
        break;
      default:
        break;
    }
    add(`exists (select 1 from pets p where ${petTerms.join(' and ')})`, ...petBindings);
  }

  if (channels) {
    const flag = (on: boolean | undefined, yes: string, no: string) => {
      if (on !== undefined) add(on ? yes : no);
    };
    flag(channels.sms, `(c.sms_opt_in and c.sms_opted_out_at is null and c.phone is not null)`, `not (c.sms_opt_in and c.sms_opted_out_at is null)`);
    flag(channels.whatsapp, `(c.whatsapp_opt_in and c.sms_opted_out_at is null and c.phone is not null)`, `not (c.whatsapp_opt_in and c.sms_opted_out_at is null)`);
    flag(channels.email, `(c.email_opt_in and c.email is not null)`, `not c.email_opt_in`);
    flag(channels.marketing, 'c.marketing_opt_in', 'not c.marketing_opt_in');
  }

  if (birthdayMonths?.length) add(`extract(month from c.birthday)::text = any(${textArray})`, json([...new Set(birthdayMonths)].map(String)));

  return { where: terms.join(' and '), bindings };
}
