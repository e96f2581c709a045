import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121053929_initial } from './Migration20261121053929_initial';
import { Migration20261121062928_booking_engine } from './Migration20261121062928_booking_engine';
import { Migration20261121072148_live_notify } from './Migration20261121072148_live_notify';
import { Migration20261121090000_calendar_connections } from './Migration20261121090000_calendar_connections';
import { Migration20261121090500_vaccination_watches_imports } from './Migration20261121090500_vaccination_watches_imports';
import { Migration20261121091000_campaigns } from './Migration20261121091000_campaigns';
import { Migration20261121093000_chat_presence } from './Migration20261121093000_chat_presence';
import { Migration20261121094500_report_schedules } from './Migration20261121094500_report_schedules';
import { Migration20261121095000_report_rollups } from './Migration20261121095000_report_rollups';
import { Migration20261121100000_workflow_signal_outbox } from './Migration20261121100000_workflow_signal_outbox';
import { Migration20261121100500_report_appointment_rollups } from './Migration20261121100500_report_appointment_rollups';
import { Migration20261121101000_report_message_rollups } from './Migration20261121101000_report_message_rollups';
import { Migration20261121101500_report_funnel_index } from './Migration20261121101500_report_funnel_index';
import { Migration20261121110000_report_customer_stats } from './Migration20261121110000_report_customer_stats';
import { Migration20261121110500_report_run_nodes } from './Migration20261121110500_report_run_nodes';
import { Migration20261121111000_report_funnel_daily } from './Migration20261121111000_report_funnel_daily';

/**
 * Every migration in order. Listed explicitly so the same code runs under tsx, ts-jest
 * and the compiled build without globbing the file system. New ones: `npm run db:migration:create`.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261121053929_initial', class: Migration20261121053929_initial },
  { name: 'Migration20261121062928_booking_engine', class: Migration20261121062928_booking_engine },
  { name: 'Migration20261121072148_live_notify', class: Migration20261121072148_live_notify },
  { name: 'Migration20261121090000_calendar_connections', class: Migration20261121090000_calendar_connections },
  { name: 'Migration20261121090500_vaccination_watches_imports', class: Migration20261121090500_vaccination_watches_imports },
  { name: 'Migration20261121091000_campaigns', class: Migration20261121091000_campaigns },
  { name: 'Migration20261121093000_chat_presence', class: Migration20261121093000_chat_presence },
  { name: 'Migration20261121094500_report_schedules', class: Migration20261121094500_report_schedules },
  { name: 'Migration20261121095000_report_rollups', class: Migration20261121095000_report_rollups },
  { name: 'Migration20261121100000_workflow_signal_outbox', class: Migration20261121100000_workflow_signal_outbox },
  { name: 'Migration20261121100500_report_appointment_rollups', class: Migration20261121100500_report_appointment_rollups },
  { name: 'Migration20261121101000_report_message_rollups', class: Migration20261121101000_report_message_rollups },
  { name: 'Migration20261121101500_report_funnel_index', class: Migration20261121101500_report_funnel_index },
  { name: 'Migration20261121110000_report_customer_stats', class: Migration20261121110000_report_customer_stats },
  { name: 'Migration20261121110500_report_run_nodes', class: Migration20261121110500_report_run_nodes },
  { name: 'Migration20261121111000_report_funnel_daily', class: Migration20261121111000_report_funnel_daily },
];
