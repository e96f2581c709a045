import { Entity, Index, type Opt, Property } from '@mikro-orm/core';
import type { AppointmentEvent } from '../../workflows/appointment-contract';
import { Appointment } from './appointment';
import { TenantScoped } from './base';
import { RefId } from './ref';

/**
 * A signal for an appointment's entity workflow, written in the same transaction as the change it
 * reports (transactional outbox). It is delivered after the commit and, while Temporal cannot take
 * it, retried by the api's signal relay with backoff; the signals of one workflow go out in
 * `sequence` order. `id` is the event id the workflow sees (`event.id`), so a re-delivery after a
 * lost acknowledgement is recognised and ignored. Delivered rows are pruned after a retention.
 */
@Entity({ tableName: 'workflow_signal_outbox' })
@Index({ name: 'workflow_signal_outbox_pending_index', properties: ['workflowId', 'sequence'], expression: 'create index "workflow_signal_outbox_pending_index" on "workflow_signal_outbox" ("workflow_id", "sequence") where "delivered_at" is null' })
@Index({ name: 'workflow_signal_outbox_due_index', properties: ['nextAttemptAt'], expression: 'create index "workflow_signal_outbox_due_index" on "workflow_signal_outbox" ("next_attempt_at") where "delivered_at" is null' })
@Index({ name: 'workflow_signal_outbox_delivered_at_index', properties: ['deliveredAt'] })
export class WorkflowSignal extends TenantScoped {
  /** Creation order, assigned by the database while the change holds the appointment's row lock. */
  @Property({ type: 'bigint', autoincrement: true })
  sequence!: string & Opt;

  @Property({ type: 'string', length: 255 })
  workflowId!: string;

  @RefId(() => Appointment, { column: 'appointment_id', onDelete: 'cascade' })
  appointmentId!: string;

  /** The signal's payload as sent (its `id` equals the row's). */
  @Property({ type: 'json' })
  event!: AppointmentEvent;

  @Property({ type: 'int' })
  attempts: number & Opt = 0;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date;

  @Property({ type: 'text', nullable: true })
  lastError?: string;
}
