import type { ImportJob, ImportRow, ImportRowError } from '../../../db/entities';

/** A running import whose heartbeat is older than this died with its process (and rolled back). */
export const STALE_IMPORT_MS = 2 * 60_000;
/** Errors listed in an answer; `errorCount` has them all. */
const ERRORS_SHOWN = 1000;
export const SAMPLE_ROWS = 20;

export interface ImportBody {
  id: string;
  kind: string;
  fileName: string;
  status: string;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  errorCount: number;
  errors: ImportRowError[];
  skipInvalid: boolean;
  processedRows: number;
  importedRows: number;
  /** 0–1 while running, 1 once completed. */
  progress: number;
  failure: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The first valid rows as they will be imported (previews only). */
  sample?: ImportRow[];
}

export function isStale(job: Pick<ImportJob, 'status' | 'heartbeatAt' | 'startedAt'>, now = Date.now()): boolean {
  const beat = job.heartbeatAt ?? job.startedAt;
  return job.status === 'running' && beat !== undefined && now - beat.getTime() > STALE_IMPORT_MS;
}

export function presentImport(job: ImportJob, sample?: ImportRow[]): ImportBody {
  const stale = isStale(job);
  const validRows = job.totalRows - job.invalidRows;
  const toImport = job.skipInvalid || job.invalidRows === 0 ? validRows : 0;
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    status: stale ? 'failed' : job.status,
    totalRows: job.totalRows,
    validRows,
    invalidRows: job.invalidRows,
    errorCount: job.errors.length,
    errors: job.errors.slice(0, ERRORS_SHOWN),
    skipInvalid: job.skipInvalid,
    processedRows: job.processedRows,
    importedRows: job.importedRows,
    progress: job.status === 'completed' ? 1 : toImport > 0 ? Math.min(1, job.processedRows / toImport) : 0,
    failure: stale ? 'The import was interrupted (the server stopped); nothing was imported. Start it again.' : (job.failure ?? null),
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    ...(sample ? { sample } : {}),
  };
}
