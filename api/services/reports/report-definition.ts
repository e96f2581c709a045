import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlScope } from './report-sql';
import type { PeriodResult } from './report-types';

export interface ReportOptions {
  /** Customers: days without a visit after which a customer counts as churned. */
  churnDays: number;
}

/** One report: computes its figures for a period; the runner calls it for both periods. */
export interface ReportDefinition {
  name: string;
  title: string;
  notes: string[];
  compute(em: EntityManager, scope: SqlScope, labels: string[], options: ReportOptions): Promise<PeriodResult>;
}
