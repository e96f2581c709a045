import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121053929_initial } from './Migration20261121053929_initial';
import { Migration20261121062928_booking_engine } from './Migration20261121062928_booking_engine';
import { Migration20261121072148_live_notify } from './Migration20261121072148_live_notify';

/**
 * Every migration in order. Listed explicitly so the same code runs under tsx, ts-jest
 * and the compiled build without globbing the file system. New ones: `npm run db:migration:create`.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121053929_initial', class: Migration20261121053929_initial },
  { name: 'Migration20261121062928_booking_engine', class: Migration20261121062928_booking_engine },
  { name: 'Migration20261121072148_live_notify', class: Migration20261121072148_live_notify },
];
