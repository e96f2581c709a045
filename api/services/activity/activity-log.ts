import type { EntityManager } from '@mikro-orm/postgresql';
import { Automation, User } from '../../../db/entities';
import { AppError } from '../../errors';
import { decodeCursor, defaultPageSize, encodeCursor, type Page } from '../pagination';

/** What the log can be narrowed to; each maps to actions by prefix. */
export const activityKinds = {
  bookings: ['appointment.'],
  automations: ['automation.', 'execution.'],
  settings: ['tenant.', 'settings.', 'user.', 'calendar.'],
  payments: ['payment.'],
} as const;
export type ActivityKind = keyof typeof activityKinds;

export interface ActivityQuery {
  userId?: string;
  kind?: ActivityKind;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface ActivityEntry {
  id: string;
  at: string;
  userId: string;
  userName: string;
  action: string;
  summary: string;
  entityType: string;
  entityId: string | null;
  entityLabel: string | null;
  reason: string | null;
  changes: Record<string, unknown> | null;
}

/**
 * Who did what, read from where it is already recorded rather than written twice: the audit log
 * (status changes, cancels, reschedules, overrides, refunds, settings, run controls), bookings
 * made by a signed-in user (`appointments.created_by_user_id`) and automation publishes
 * (`automation_versions.published_by_user_id`). Only actions of signed-in users are listed.
 */
const unionSql = `
  select 'a' || cast(a.id as text) as id, a.created_at as at, a.user_id, a.action, a.entity_type, a.entity_id, a.reason, a.changes
    from audit_logs a where a.tenant_id = :tenant and a.user_id is not null
  union all
  select 'b' || cast(p.id as text), p.created_at, p.created_by_user_id, 'appointment.booked', 'appointment', p.id, null,
         jsonb_build_object('startsAt', p.starts_at, 'source', p.source)
    from appointments p where p.tenant_id = :tenant and p.created_by_user_id is not null
  union all
  select 'p' || cast(v.id as text), v.published_at, v.published_by_user_id, 'automation.published', 'automation', v.automation_id, null,
         jsonb_build_object('version', v.version)
    from automation_versions v where v.tenant_id = :tenant and v.published_by_user_id is not null`;

interface Row {
  id: string;
  at: Date;
  user_id: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  reason: string | null;
  changes: Record<string, unknown> | null;
}

export async function listActivity(scope: { em: EntityManager; tenantId: string }, query: ActivityQuery): Promise<Page<ActivityEntry>> {
  const limit = query.limit ?? defaultPageSize;
  const filters: string[] = [];
  const params: Record<string, unknown> = { tenant: scope.tenantId };
  if (query.userId) {
    filters.push('e.user_id = :user');
    params.user = query.userId;
  }
  if (query.kind) {
    filters.push(`(${activityKinds[query.kind].map((_, i) => `e.action like :kind${i}`).join(' or ')})`);
    activityKinds[query.kind].forEach((prefix, i) => (params[`kind${i}`] = `${prefix}%`));
  }
  if (query.from) {
    filters.push('e.at >= :from');
    params.from = new Date(query.from);
  }
  if (query.to) {
    filters.push('e.at < :to');
    params.to = new Date(query.to);
  }
  const where = filters.length ? `where ${filters.join(' and ')}` : '';
  let after = '';
  if (query.cursor) {
    const position = decodeCursor(query.cursor);
    const at = new Date(String(position.value));
    if (Number.isNaN(at.getTime())) throw new AppError('INVALID_CURSOR', 'The cursor is malformed', [{ path: 'cursor', message: 'is malformed' }]);
    after = `${where ? 'and' : 'where'} (e.at, e.id) < (:cursorAt, :cursorId)`;
    params.cursorAt = at;
    params.cursorId = position.id;
  }
  const knex = scope.em.getKnex();
  const [rows, counted] = await Promise.all([
    knex.raw<{ rows: Row[] }>(`select * from (${unionSql}) e ${where} ${after} order by e.at desc, e.id desc limit ${limit + 1}`, params as never),
    knex.raw<{ rows: Array<{ total: string }> }>(`select count(*) as total from (${unionSql}) e ${where}`, params as never),
  ]);
  const page = rows.rows.slice(0, limit);
  const items = await present(scope.em, page);
  const last = page.at(-1);
  return {
    items,
    total: Number(counted.rows[0]?.total ?? 0),
    ...(rows.rows.length > limit && last ? { nextCursor: encodeCursor({ value: new Date(last.at).toISOString(), id: last.id }) } : {}),
  };
}

const verbs: Record<string, string> = {
  'appointment.booked': 'booked an appointment',
  'appointment.override': 'booked outside the rules',
  'appointment.policy_override': 'overrode a booking policy',
  'appointment.rescheduled': 'rescheduled an appointment',
  'appointment.confirmed': 'confirmed an appointment',
  'appointment.checked_in': 'checked in a customer',
  'appointment.completed': 'completed an appointment',
  'appointment.cancelled': 'cancelled an appointment',
  'appointment.no_show': 'marked a no-show',
  'automation.published': 'published an automation',
  'execution.cancel': 'cancelled an automation run',
  'execution.retry': 'retried an automation run',
  'payment.refunded': 'refunded a payment',
  'tenant.policies': 'changed the business policies',
};

export function describeAction(action: string): string {
  return verbs[action] ?? action.replace(/[._]/g, ' ');
}

async function present(em: EntityManager, rows: Row[]): Promise<ActivityEntry[]> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.entity_type === type && r.entity_id).map((r) => r.entity_id as string))];
  const appointmentIds = ids('appointment');
  const [users, automations, customers] = await Promise.all([
    em.find(User, { id: { $in: [...new Set(rows.map((r) => r.user_id))] } }, { fields: ['id', 'name'] }),
    em.find(Automation, { id: { $in: ids('automation') } }, { fields: ['id', 'name'] }),
    appointmentIds.length
      ? em.execute<Array<{ id: string; name: string }>>(
          `select p.id, c.name from appointments p join customers c on c.id = p.customer_id where p.id in (?) and p.tenant_id = c.tenant_id`,
          [appointmentIds],
        )
      : Promise.resolve([]),
  ]);
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const labels = new Map<string, string>([...automations.map((a): [string, string] => [a.id, a.name]), ...customers.map((c): [string, string] => [c.id, c.name])]);
  return rows.map((r) => {
    const version = r.action === 'automation.published' ? ` v${String(r.changes?.version)}` : '';
    const label = r.entity_id ? (labels.get(r.entity_id) ?? null) : null;
    return {
      id: r.id,
      at: new Date(r.at).toISOString(),
      userId: r.user_id,
      userName: userNames.get(r.user_id) ?? 'Former user',
      action: r.action,
      summary: `${describeAction(r.action)}${label ? ` — ${label}${version}` : version}`,
      entityType: r.entity_type,
      entityId: r.entity_id,
      entityLabel: label,
      reason: r.reason,
      changes: r.changes,
    };
  });
}
