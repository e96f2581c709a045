import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlScope } from './report-sql';
import type { PeriodResult } from './report-types';

export interface ReportOptions {
  /** Customers: days without a visit after which a customer counts as churned. */
  churnDays: number;
  /** True for the period asked for, false for the one compared with: figures as of now are computed once. */
  current: boolean;
}

/** One report: computes its figures for a period; the runner calls it for both periods. */
export interface ReportDefinition {
  name: string;
  title: string;
  notes: string[];
  compute(em: EntityManager, scope: SqlScope, labels: string[], options: ReportOptions): Promise<PeriodResult>;
}

/**
 * A query only the period asked for needs (its tables, figures as of now): the compared period
 * shows neither, so it skips them.
 */
export function currentOnly<T>(options: ReportOptions, query: () => Promise<T[]>): Promise<T[]> {
  return options.current ? query() : Promise.resolve([]);
}
