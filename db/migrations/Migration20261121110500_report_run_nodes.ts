import { Migration } from '@mikro-orm/migrations';

/** Recomputes one run's nodes and its last step from its steps (a run has a handful of steps). */
const refresh = `
create or replace function report_run_nodes_refresh(p_run uuid) returns void language plpgsql as $$
begin
  if p_run is null or not exists (select 1 from automation_runs where id = p_run) then return; end if;
  delete from report_run_nodes where run_id = p_run;
  insert into report_run_nodes (tenant_id, run_id, node_id, automation_id, run_started_at, node_type, first_sequence, failed)
  select r.tenant_id, r.id, s.node_id, r.automation_id, r.started_at, min(s.node_type), min(s.sequence), bool_or(s.status = 'failed')
    from automation_runs r join run_steps s on s.run_id = r.id
   where r.id = p_run group by r.tenant_id, r.id, s.node_id, r.automation_id, r.started_at;
  update automation_runs r set last_step_node_id = l.node_id
    from (select (select s.node_id from run_steps s where s.run_id = p_run order by s.sequence desc limit 1) as node_id) l
   where r.id = p_run and r.last_step_node_id is distinct from l.node_id;
end $$;`;

const onStep = `
create or replace function report_run_nodes_on_step() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform report_run_nodes_refresh(old.run_id); end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.run_id is distinct from old.run_id) then perform report_run_nodes_refresh(new.run_id); end if;
  return null;
end $$;`;

const onRun = `
create or replace function report_run_nodes_on_run() returns trigger language plpgsql as $$
begin
  update report_run_nodes set run_started_at = new.started_at, automation_id = new.automation_id where run_id = new.id;
  return null;
end $$;`;

const rebuild = `
create or replace function report_run_nodes_rebuild(p_tenant uuid) returns void language plpgsql as $$
begin
  delete from report_run_nodes where tenant_id = p_tenant;
  insert into report_run_nodes (tenant_id, run_id, node_id, automation_id, run_started_at, node_type, first_sequence, failed)
  select r.tenant_id, r.id, s.node_id, r.automation_id, r.started_at, min(s.node_type), min(s.sequence), bool_or(s.status = 'failed')
    from automation_runs r join run_steps s on s.run_id = r.id
   where r.tenant_id = p_tenant group by r.tenant_id, r.id, s.node_id, r.automation_id, r.started_at;
  update automation_runs r set last_step_node_id = l.node_id
    from (select distinct on (s.run_id) s.run_id, s.node_id from run_steps s where s.tenant_id = p_tenant order by s.run_id, s.sequence desc) l
   where r.id = l.run_id and r.last_step_node_id is distinct from l.node_id;
end $$;`;

/**
 * The automations report's per-node drop-off without ranking every step of the period
 * (bench/reports.ts; EXPLAIN notes in bench/README.md): report_run_nodes holds one row per run and
 * node it reached (its type, first sequence, whether a step there failed), with the run's start
 * and automation copied for a covering index; automation_runs.last_step_node_id is the node of
 * the run's latest step, where a failed or cancelled run stopped. Both are kept by triggers on
 * run_steps (and on the run's start and automation).
 */
export class Migration20261121110500_report_run_nodes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_run_nodes" ("tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "run_id" uuid not null references "automation_runs" ("id") on delete cascade, "node_id" varchar(80) not null,
      "automation_id" uuid not null, "run_started_at" timestamptz not null, "node_type" varchar(40) not null,
      "first_sequence" int not null, "failed" boolean not null default false,
      constraint "report_run_nodes_pkey" primary key ("run_id", "node_id"));`);
    this.addSql(`create index "report_run_nodes_tenant_id_run_started_at_index" on "report_run_nodes" ("tenant_id", "run_started_at")
      include ("automation_id", "node_id", "node_type", "first_sequence", "failed");`);
    this.addSql(`alter table "automation_runs" add column "last_step_node_id" varchar(80) null;`);
    this.addSql(`create index "automation_runs_tenant_id_started_at_report_index" on "automation_runs" ("tenant_id", "started_at")
      include ("automation_id", "status", "last_step_node_id");`);
    this.addSql(refresh);
    this.addSql(onStep);
    this.addSql(onRun);
    this.addSql(rebuild);
    this.addSql(`create trigger report_run_nodes after insert or delete or update of run_id, node_id, node_type, sequence, status on run_steps
      for each row execute function report_run_nodes_on_step();`);
    this.addSql(`create trigger report_run_nodes after update of started_at, automation_id on automation_runs
      for each row when (new.started_at is distinct from old.started_at or new.automation_id is distinct from old.automation_id)
      execute function report_run_nodes_on_run();`);
    this.addSql(`select report_run_nodes_rebuild(id) from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_run_nodes on run_steps;`);
    this.addSql(`drop trigger if exists report_run_nodes on automation_runs;`);
    this.addSql(`drop function if exists report_run_nodes_on_step(), report_run_nodes_on_run(), report_run_nodes_rebuild(uuid), report_run_nodes_refresh(uuid);`);
    this.addSql(`drop table if exists "report_run_nodes";`);
    this.addSql(`drop index if exists "automation_runs_tenant_id_started_at_report_index";`);
    this.addSql(`alter table "automation_runs" drop column if exists "last_step_node_id";`);
  }
}
