import { Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';

export const importKinds = ['customers', 'pets', 'vaccinations'] as const;
export type ImportKind = (typeof importKinds)[number];

export const importStatuses = ['previewed', 'running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** One problem of one CSV row: the file's line number, the column, and why. */
export interface ImportRowError {
  line: number;
  field: string;
  reason: string;
  code: string;
}

/** A row that passed validation, normalized, with the line it came from. */
export interface ImportRow {
  line: number;
  data: Record<string, unknown>;
}

/**
 * An uploaded CSV between its preview and its import: the validated rows and every row error
 * are kept, so the import runs exactly what the preview showed. Progress is written outside the
 * import's transaction, so any api replica can answer a poll.
 */
@Entity({ tableName: 'import_jobs' })
@Index({ properties: ['tenantId', 'createdAt'] })
export class ImportJob extends TenantScoped {
  @Enum({ items: () => importKinds, nativeEnumName: 'import_kind' })
  kind!: ImportKind;

  @Enum({ items: () => importStatuses, nativeEnumName: 'import_status' })
  status: ImportStatus & Opt = 'previewed';

  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Property({ type: 'uuid', nullable: true })
  userId?: string;

  /** Data rows in the file (the header excluded). */
  @Property({ type: 'integer' })
  totalRows!: number;

  @Property({ type: 'json', lazy: true })
  rows!: ImportRow[];

  @Property({ type: 'json' })
  errors: ImportRowError[] & Opt = [];

  /** Lines with at least one error. */
  @Property({ type: 'integer' })
  invalidRows: number & Opt = 0;

  @Property({ type: 'boolean' })
  skipInvalid: boolean & Opt = false;

  @Property({ type: 'integer' })
  processedRows: number & Opt = 0;

  @Property({ type: 'integer' })
  importedRows: number & Opt = 0;

  @Property({ type: 'text', nullable: true })
  failure?: string;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date;

  /** Touched while an import runs; a stale one means the process running it died (and rolled back). */
  @Property({ type: 'timestamptz', nullable: true })
  heartbeatAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date;
}
