import type { EntityManager } from '@mikro-orm/postgresql';
import { localTimeSql, type OffsetSpan } from './local-time-sql';
import type { GroupBy } from './report-types';

/** Bindings every report query receives; every query filters `tenant_id = :tenant` itself. */
export interface SqlScope {
  tenant: string;
  from: Date;
  to: Date;
  tz: string;
  unit: GroupBy;
  /** The zone's UTC offsets around the period, for cheap local times (local-time-sql.ts). */
  spans: OffsetSpan[];
}

/**
 * Raw SQL with named bindings (`:tenant`, `:from`, …). Raw SQL bypasses the ORM's tenant filter,
 * so each statement names `tenant_id = :tenant` explicitly.
 */
export async function sqlRows<T>(em: EntityManager, sql: string, bindings: Record<string, unknown>): Promise<T[]> {
  const result = await em.getKnex().raw(sql, bindings as never);
  return (result as { rows: T[] }).rows;
}

export function scopeBindings(scope: SqlScope): Record<string, unknown> {
  return { tenant: scope.tenant, from: scope.from, to: scope.to, tz: scope.tz, unit: scope.unit };
}

/** The local wall time of a timestamptz column in the business's zone. */
export function localSql(column: string, scope: Pick<SqlScope, 'spans'>): string {
  return localTimeSql(column, scope.spans);
}

/** The local bucket label of a timestamptz column, e.g. `2026-03-09`. */
export function bucketSql(column: string, scope: Pick<SqlScope, 'spans'>): string {
  return `to_char(date_trunc(:unit, ${localSql(column, scope)}), 'YYYY-MM-DD')`;
}

export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
