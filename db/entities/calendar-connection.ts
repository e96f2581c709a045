import { Entity, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { RefId } from './ref';
import { Staff } from './staff';

export const calendarProviders = ['google', 'microsoft'] as const;
export type CalendarProviderKind = (typeof calendarProviders)[number];

export const calendarConnectionStatuses = ['active', 'needs_reconnect'] as const;
export type CalendarConnectionStatus = (typeof calendarConnectionStatuses)[number];

/**
 * A Google or Microsoft 365 calendar connected by OAuth: a staff member's own (bookings with them
 * go there, busy time there blocks their slots) or, with no staff, the business calendar (every
 * booking goes there too). `tokens` is the sealed output of `sealTokens` with the row id as
 * additional data, so a token copied onto another row does not decrypt.
 */
@Entity({ tableName: 'calendar_connections' })
@Index({ properties: ['tenantId', 'staffId'] })
@Unique({ name: 'calendar_connections_watch_id_unique', properties: ['watchId'] })
export class CalendarConnection extends TenantScoped {
  @RefId(() => Staff, { column: 'staff_id', nullable: true, onDelete: 'cascade' })
  staffId?: string;

  @Property({ type: 'string', length: 20 })
  provider!: CalendarProviderKind;

  /** The account that granted access (shown in Settings). */
  @Property({ type: 'string', length: 320 })
  accountEmail!: string;

  /** Google calendar id (`primary`); Graph user id is `/me` (delegated). */
  @Property({ type: 'string', length: 300 })
  calendarId: string & Opt = 'primary';

  @Property({ type: 'text', lazy: true })
  tokens!: string;

  @Property({ type: 'text' })
  scopes: string & Opt = '';

  @Property({ type: 'string', length: 20 })
  status: CalendarConnectionStatus & Opt = 'active';

  /** Google nextSyncToken or Graph deltaLink. */
  @Property({ type: 'text', nullable: true, lazy: true })
  syncCursor?: string;

  @Property({ type: 'timestamptz', nullable: true })
  lastSyncedAt?: Date;

  @Property({ type: 'text', nullable: true })
  lastError?: string;

  @Property({ type: 'timestamptz', nullable: true })
  lastErrorAt?: Date;

  /** Google channel id or Graph subscription id of the push notifications, when a public URL exists. */
  @Property({ type: 'string', length: 200, nullable: true })
  watchId?: string;

  /** Google resourceId (needed to stop the channel). */
  @Property({ type: 'string', length: 300, nullable: true })
  watchResourceId?: string;

  /** sha256 of the secret Google echoes in X-Goog-Channel-Token / Graph in clientState. */
  @Property({ type: 'string', length: 64, nullable: true })
  watchSecretHash?: string;

  @Property({ type: 'timestamptz', nullable: true })
  watchExpiresAt?: Date;
}

export const videoProviders = ['none', 'google_meet', 'teams', 'zoom'] as const;
export type VideoProviderKind = (typeof videoProviders)[number];

export const invitePolicies = ['all', 'external_only', 'none'] as const;

/** The business's calendar choices: who the calendar providers email, our own invites, video per service, Zoom. */
@Entity({ tableName: 'calendar_settings' })
@Unique({ properties: ['tenantId'] })
export class CalendarSettings extends TenantScoped {
  /** Whom Google / Microsoft email about pushed events; the customer is an attendee unless `none`. */
  @Property({ type: 'string', length: 20 })
  invitePolicy: (typeof invitePolicies)[number] & Opt = 'none';

  /** Send our own iTIP invite (.ics REQUEST / CANCEL) to the customer on booking, reschedule and cancel. */
  @Property({ type: 'boolean' })
  emailInvites: boolean & Opt = false;

  /** Service id → the meeting each booking of it gets. */
  @Property({ type: 'json' })
  videoByService: Record<string, VideoProviderKind> & Opt = {};

  @Property({ type: 'string', length: 100, nullable: true })
  zoomAccountId?: string;

  @Property({ type: 'string', length: 100, nullable: true })
  zoomClientId?: string;

  /** Sealed like the OAuth tokens (aad: `zoom:<tenant>`). */
  @Property({ type: 'text', nullable: true, lazy: true })
  zoomClientSecret?: string;
}
