import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { FunnelEvent, type FunnelStep, funnelSteps } from '../../../db/entities';

export interface FunnelEventInput {
  sessionId: string;
  step: FunnelStep;
  serviceId?: string | null;
  staffId?: string | null;
  appointmentId?: string | null;
  source?: string | null;
}

/** Records a step of the booking page's funnel; each step counts once per session (a repeat is ignored). */
export async function recordFunnelEvent(em: EntityManager, tenantId: string, input: FunnelEventInput): Promise<boolean> {
  const inserted = await em.execute(
    'insert into funnel_events (id, tenant_id, session_id, step, service_id, staff_id, appointment_id, source, occurred_at) ' +
      'values (?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (tenant_id, session_id, step) do nothing',
    [randomUUID(), tenantId, input.sessionId, input.step, input.serviceId ?? null, input.staffId ?? null, input.appointmentId ?? null, input.source?.slice(0, 200) ?? null],
    'run',
  );
  return (inserted as { affectedRows?: number }).affectedRows !== 0;
}

/** Sessions that reached each step in [from, to), and the share of viewers that got that far. */
export async function funnelReport(em: EntityManager, tenantId: string, from: Date, to: Date) {
  const rows = await em
    .createQueryBuilder(FunnelEvent, 'f')
    .select(['f.step', 'count(distinct f.session_id)::int as sessions'])
    .where({ tenantId, occurredAt: { $gte: from, $lt: to } })
    .groupBy('f.step')
    .execute<Array<{ step: FunnelStep; sessions: number }>>('all', false);
  const counts = new Map(rows.map((r) => [r.step, Number(r.sessions)]));
  const views = counts.get('view') ?? 0;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    steps: funnelSteps.map((step) => {
      const sessions = counts.get(step) ?? 0;
      return { step, sessions, conversion: views > 0 ? Math.round((sessions / views) * 1000) / 1000 : null };
    }),
  };
}
