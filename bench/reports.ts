/**
 * `npm run bench -- reports`: every report endpoint over HTTP against one business with a million
 * appointments (plus their payments, messages, reviews, funnel events and automation runs).
 * The data lives in a PostgreSQL cluster outside the repository (bench/reports-database.ts): the
 * first run seeds it (a few minutes), later runs reuse it. `BENCH_REPORT_RUNS` (default 20) sets
 * the timed requests per case; `BENCH_REPORTS_RESEED=1` seeds again from scratch; `BENCH_REPORTS`
 * (comma-separated) picks the reports.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { startApiServer } from '../api/server';
import { createOrm, migrateDatabase } from '../db/orm';
import { loadConfig } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { fmtMs, percentile } from './lib/stats';
import { benchReportsDataDir, startBenchReportsDatabase } from './reports-database';
import { BENCH, seedBenchReports } from './reports-seed';

const OWNER = { email: 'owner@bench-reports.example', password: 'Bench-Reports-Passw0rd!' };
/** `BENCH_REPORTS=appointments,staff` times only those reports. */
const REPORTS = process.env.BENCH_REPORTS?.split(',') ?? ['revenue', 'appointments', 'funnel', 'customers', 'staff', 'messaging', 'automations'];
const PRESETS = ['30d', '90d', '1y'];
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 20);

async function main(): Promise<void> {
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn', pretty: false });
  const database = await startBenchReportsDatabase(logger);
  const dataDir = path.join(path.dirname(benchReportsDataDir()), 'data');
  await fs.mkdir(dataDir, { recursive: true });
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
  const orm = await createOrm(database.url, { pool: { min: 0, max: 20 } });
  // Reports never touch Temporal: a lazy connection that is never opened.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const api = await startApiServer({ config, orm, temporal, logger, live: false });
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${api.url}${url}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { token: string; tenant: { id: string } } };
  };
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    await migrateDatabase(orm);
    let login = await post('/api/auth/login', OWNER);
    const seeded = login.status === 200
      ? Number((await db.query(`select count(*) as n from appointments a join users u on u.tenant_id = a.tenant_id where u.email = $1`, [OWNER.email])).rows[0].n)
      : 0;
    if (seeded < BENCH.appointments || process.env.BENCH_REPORTS_RESEED) {
      if (login.status === 200) await db.query(`delete from tenants where id in (select tenant_id from users where email = $1)`, [OWNER.email]);
      const signup = await post('/api/auth/signup', { businessName: 'Bench Salon', timezone: BENCH.timezone, ...OWNER });
      if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${JSON.stringify(signup.body)}`);
      console.log(`seeding ${BENCH.appointments.toLocaleString('en-US')} appointments into ${benchReportsDataDir()} (once)`);
      const started = performance.now();
      await seedBenchReports(db, signup.body.tenant.id, (step, ms) => console.log(`  ${step}: ${(ms / 1000).toFixed(1)} s`));
      console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      login = await post('/api/auth/login', OWNER);
    }
    const counts = (await db.query(`select (select count(*) from appointments) as appointments, (select count(*) from payments) as payments,
        (select count(*) from messages) as messages, pg_size_pretty(pg_database_size(current_database())) as size`)).rows[0];
    console.log(`data: ${Number(counts.appointments).toLocaleString('en-US')} appointments, ${Number(counts.payments).toLocaleString('en-US')} payments, ${Number(counts.messages).toLocaleString('en-US')} messages, ${counts.size}`);

    const headers = { Authorization: `Bearer ${login.body.token}` };
    console.log(`\n| report | preset | p50 | p95 | max |\n| --- | --- | --- | --- | --- |`);
    let worst = 0;
    for (const report of REPORTS) {
      for (const preset of PRESETS) {
        const url = `${api.url}/api/reports/${report}?preset=${preset}`;
        const once = async () => {
          const t = performance.now();
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
          return performance.now() - t;
        };
        await once();
        const samples: number[] = [];
        for (let i = 0; i < RUNS; i++) samples.push(await once());
        const p95 = percentile(samples, 95);
        worst = Math.max(worst, p95);
        console.log(`| ${report} | ${preset} | ${fmtMs(percentile(samples, 50))} | ${fmtMs(p95)} | ${fmtMs(Math.max(...samples))} |`);
      }
    }
    console.log(`\nworst p95: ${fmtMs(worst)} (target < 500 ms)`);
  } finally {
    await db.end();
    await api.close();
    await orm.close(true);
    await database.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
