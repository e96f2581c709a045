import { Migration } from '@mikro-orm/migrations';

/**
 * The funnel report counts events per step, page and local day (a session has one event per step):
 * covering (tenant_id, occurred_at) with step and source makes it an index-only scan instead of a
 * bitmap heap scan of every event in the period (EXPLAIN notes in bench/README.md).
 */
export class Migration20261121101500_report_funnel_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "funnel_events_tenant_id_occurred_at_report_index" on "funnel_events" ("tenant_id", "occurred_at") include ("step", "source");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "funnel_events_tenant_id_occurred_at_report_index";`);
  }
}
