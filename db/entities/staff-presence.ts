import { Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { RefId } from './ref';
import { User } from './user';

export const presenceStates = ['online', 'away'] as const;
export type PresenceState = (typeof presenceStates)[number];

/**
 * One open /api/live socket of a signed-in user, whichever replica holds it. A user is online
 * when any fresh connection is online, away when all are away, offline with none. Replicas
 * refresh `seenAt` every heartbeat, so the rows of a replica that died go stale and stop counting.
 */
@Entity({ tableName: 'staff_presence' })
@Index({ properties: ['tenantId', 'userId'] })
@Index({ properties: ['seenAt'] })
export class StaffPresence extends TenantScoped {
  @RefId(() => User, { column: 'user_id', onDelete: 'cascade' })
  userId!: string;

  @Enum({ items: () => presenceStates, nativeEnumName: 'presence_state' })
  state: PresenceState & Opt = 'online';

  @Property({ type: 'timestamptz' })
  seenAt: Date & Opt = new Date();
}
