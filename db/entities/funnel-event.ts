import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';

export const funnelSteps = ['view', 'service_selected', 'slot_selected', 'form_completed', 'booked'] as const;
export type FunnelStep = (typeof funnelSteps)[number];

/** One step of the public booking flow reached by one browser session; each step counts once per session. */
@Entity({ tableName: 'funnel_events' })
@Unique({ properties: ['tenantId', 'sessionId', 'step'] })
@Index({ properties: ['tenantId', 'occurredAt'] })
export class FunnelEvent extends TenantScoped {
  /** Random id the booking page keeps for the visit. */
  @Property({ type: 'string', length: 64 })
  sessionId!: string;

  @Enum({ items: () => funnelSteps, nativeEnumName: 'funnel_step' })
  step!: FunnelStep;

  @Property({ type: 'uuid', nullable: true })
  serviceId?: string;

  @Property({ type: 'uuid', nullable: true })
  staffId?: string;

  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;

  /** Where the visit came from (utm source, referrer host), as the page reports it. */
  @Property({ type: 'string', length: 200, nullable: true })
  source?: string;

  @Property({ type: 'timestamptz' })
  occurredAt: Date & Opt = new Date();
}
