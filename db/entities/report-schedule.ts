import { Entity, Enum, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';

export const reportFrequencies = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

/**
 * A summary emailed to the business on a timetable (weekly or monthly), in its own zone. The
 * Temporal Schedule `report-summary:<tenant>:<frequency>` exists exactly while `enabled`.
 */
@Entity({ tableName: 'report_schedules' })
@Unique({ properties: ['tenantId', 'frequency'] })
export class ReportSchedule extends TenantScoped {
  @Enum({ items: () => reportFrequencies, nativeEnumName: 'report_frequency' })
  frequency!: ReportFrequency;

  @Property({ type: 'boolean' })
  enabled: boolean & Opt = false;

  /** Email addresses the summary goes to. */
  @Property({ type: 'json' })
  recipients: string[] & Opt = [];

  /** Weekly: ISO weekday it is sent on (1 = Monday). */
  @Property({ type: 'smallint' })
  weekday: number & Opt = 1;

  /** Monthly: day of the month it is sent on (1–28, so every month has it). */
  @Property({ type: 'smallint' })
  dayOfMonth: number & Opt = 1;

  /** Local wall-clock time "HH:mm" in the business's zone. */
  @Property({ type: 'string', length: 5 })
  time: string & Opt = '08:00';

  /** First local day of the last period summarised, so a retried run does not send it twice. */
  @Property({ type: 'string', length: 10, nullable: true })
  lastPeriodStart?: string;

  @Property({ type: 'timestamptz', nullable: true })
  lastSentAt?: Date;
}
