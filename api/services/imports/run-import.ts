import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { AuditLog, ImportJob, type ImportRowError } from '../../../db/entities';
import type { Logger } from '../../../runtime/logger';
import type { RequestContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { triggerVaccinationSweep } from '../vaccinations/vaccination-sweep-schedule';
import { type ImportBody, presentImport, STALE_IMPORT_MS } from './present-import';
import { resolveRows } from './resolve-rows';
import { writeRows } from './write-rows';

export interface ImportDeps {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
}

const CHUNK = 500;

class ChangedSincePreview extends Error {
  constructor(readonly errors: ImportRowError[]) {
    super(`${new Set(errors.map((e) => e.line)).size} rows conflict with data added since the preview (first: line ${errors[0]?.line}, ${errors[0]?.field}: ${errors[0]?.reason}); nothing was imported`);
  }
}

/**
 * Starts importing a previewed file: refused (422) while rows have errors unless the user chose
 * to skip them. The import runs after the answer (202), in one transaction — all rows or none —
 * and reports its progress on the job, which the UI polls.
 */
export async function startImport(ctx: RequestContext, deps: ImportDeps, id: string, options: { skipInvalid: boolean }): Promise<ImportBody> {
  const job = await ctx.em.findOne(ImportJob, { id });
  if (!job) throw notFound('Import', id);
  if (job.invalidRows > 0 && !options.skipInvalid) {
    throw new AppError(
      'IMPORT_HAS_ERRORS',
      `${job.invalidRows} of ${job.totalRows} rows have errors: fix the file and upload it again, or import with skipInvalid to leave those rows out`,
      job.errors.slice(0, 100).map((e) => ({ path: `line ${e.line}${e.field ? `.${e.field}` : ''}`, message: e.reason, code: e.code })),
    );
  }
  if (job.totalRows - job.invalidRows === 0) throw new AppError('INVALID_STATE', 'No row of this file can be imported');
  const claimed = await ctx.em.getConnection().execute(
    `update import_jobs set status = 'running', skip_invalid = ?, started_at = now(), heartbeat_at = now(), processed_rows = 0, failure = null, updated_at = now()
     where id = ? and tenant_id = ? and (status in ('previewed', 'failed') or (status = 'running' and heartbeat_at < now() - make_interval(secs => ?)))`,
    [options.skipInvalid, id, ctx.tenantId, STALE_IMPORT_MS / 1000],
    'run',
  );
  if ((claimed as { affectedRows?: number }).affectedRows === 0) {
    throw new AppError('INVALID_STATE', job.status === 'completed' ? 'This file has already been imported' : 'This import is already running');
  }
  ctx.logger.info({ importId: id, kind: job.kind, skipInvalid: options.skipInvalid }, 'import started');
  void runImport(deps, { tenantId: ctx.tenantId, userId: ctx.user.id, jobId: id });
  await ctx.em.refresh(job);
  return presentImport(job);
}

/** The import itself; never throws (a failure is written on the job). */
export async function runImport(deps: ImportDeps, target: { tenantId: string; userId: string; jobId: string }): Promise<void> {
  const log = deps.logger.child({ tenantId: target.tenantId, importId: target.jobId });
  const progress = (processed: number) =>
    deps.orm.em.fork().getConnection().execute('update import_jobs set processed_rows = ?, heartbeat_at = now() where id = ?', [processed, target.jobId]);
  const em = deps.orm.em.fork();
  em.setFilterParams('tenant', { tenantId: target.tenantId });
  try {
    const job = await em.findOneOrFail(ImportJob, { id: target.jobId }, { populate: ['rows'] });
    let imported = 0;
    await em.transactional(async (tx) => {
      const resolved = await resolveRows(tx, target.tenantId, job.kind, job.rows);
      if (resolved.errors.length > 0 && !job.skipInvalid) throw new ChangedSincePreview(resolved.errors);
      const bad = new Set(resolved.errors.map((e) => e.line));
      const rows = job.rows.filter((row) => !bad.has(row.line));
      for (let i = 0; i < rows.length; i += CHUNK) {
        writeRows(tx, target.tenantId, job.kind, rows.slice(i, i + CHUNK), resolved.refs);
        await tx.flush();
        tx.clear();
        imported = Math.min(rows.length, i + CHUNK);
        await progress(imported);
      }
      tx.create(AuditLog, { tenantId: target.tenantId, userId: target.userId, action: 'import.completed', entityType: 'import', entityId: target.jobId, changes: { kind: job.kind, imported, skipped: job.totalRows - imported } });
      await tx.flush();
      await tx.execute(`update import_jobs set status = 'completed', imported_rows = ?, processed_rows = ?, finished_at = now(), heartbeat_at = now(), updated_at = now() where id = ?`, [imported, imported, target.jobId]);
    });
    log.info({ imported }, 'import completed');
    if (job.kind === 'vaccinations') {
      // Imported records get their watches from the sweep, now rather than tonight.
      await triggerVaccinationSweep({ temporal: deps.temporal, taskQueue: deps.taskQueue, logger: log }).catch((err: unknown) =>
        log.error({ err }, 'could not trigger the vaccination sweep; tonight’s run will start the watches'),
      );
    }
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    const extra = error instanceof ChangedSincePreview ? error.errors : [];
    log.error({ err: error }, 'import failed; nothing was imported');
    await deps.orm.em
      .fork()
      .getConnection()
      .execute(
        `update import_jobs set status = 'failed', failure = ?, processed_rows = 0, finished_at = now(), errors = errors || ?::jsonb,
           invalid_rows = invalid_rows + ?, updated_at = now() where id = ?`,
        [failure.slice(0, 2000), JSON.stringify(extra), new Set(extra.map((e) => e.line)).size, target.jobId],
      )
      .catch((err: unknown) => log.error({ err }, 'could not record the import failure'));
  }
}

