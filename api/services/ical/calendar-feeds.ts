import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Appointment, CalendarFeed, type CalendarFeedOwner, Customer, Staff, Tenant } from '../../../db/entities';
import { notFound } from '../../errors';
import { createInTenant } from '../tenant-scope';
import { appointmentEvents } from './appointment-events';
import { buildCalendar } from './build-calendar';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** Past appointments a feed still shows (so a calendar keeps recent history), and how far ahead. */
const PAST_DAYS = 60;
const AHEAD_DAYS = 400;

export interface FeedStatus {
  active: boolean;
  url?: string;
  tokenHint?: string;
  createdAt?: string;
  lastFetchedAt?: string | null;
  fetchCount?: number;
}

async function assertOwner(em: EntityManager, ownerType: CalendarFeedOwner, ownerId: string): Promise<void> {
  const found = ownerType === 'staff' ? await em.findOne(Staff, { id: ownerId }) : await em.findOne(Customer, { id: ownerId });
  if (!found) throw notFound(ownerType === 'staff' ? 'Staff member' : 'Customer', ownerId);
}

/**
 * Issues a new secret feed URL for a staff member or customer and revokes any earlier one, so
 * "reset link" and "create link" are the same act. Only the token's hash is kept: the URL is
 * shown once.
 */
export async function issueCalendarFeed(options: { em: EntityManager; tenantId: string; ownerType: CalendarFeedOwner; ownerId: string; baseUrl: string }): Promise<FeedStatus> {
  const { em } = options;
  await assertOwner(em, options.ownerType, options.ownerId);
  const token = randomBytes(32).toString('base64url');
  const feed = await em.transactional(async (tx) => {
    await tx.nativeUpdate(CalendarFeed, { ownerType: options.ownerType, ownerId: options.ownerId, revokedAt: null }, { revokedAt: new Date() });
    const row = createInTenant({ em: tx, tenantId: options.tenantId }, CalendarFeed, {
      ownerType: options.ownerType,
      ownerId: options.ownerId,
      tokenHash: hashToken(token),
      tokenHint: token.slice(0, 6),
    });
    await tx.flush();
    return row;
  });
  return { active: true, url: `${options.baseUrl}/ical/${token}.ics`, tokenHint: feed.tokenHint, createdAt: feed.createdAt.toISOString(), lastFetchedAt: null, fetchCount: 0 };
}

export async function revokeCalendarFeeds(options: { em: EntityManager; ownerType: CalendarFeedOwner; ownerId: string }): Promise<number> {
  await assertOwner(options.em, options.ownerType, options.ownerId);
  return options.em.nativeUpdate(CalendarFeed, { ownerType: options.ownerType, ownerId: options.ownerId, revokedAt: null }, { revokedAt: new Date() });
}

export async function calendarFeedStatus(options: { em: EntityManager; ownerType: CalendarFeedOwner; ownerId: string }): Promise<FeedStatus> {
  await assertOwner(options.em, options.ownerType, options.ownerId);
  const feed = await options.em.findOne(CalendarFeed, { ownerType: options.ownerType, ownerId: options.ownerId, revokedAt: null }, { orderBy: { createdAt: 'desc' } });
  if (!feed) return { active: false };
  return { active: true, tokenHint: feed.tokenHint, createdAt: feed.createdAt.toISOString(), lastFetchedAt: feed.lastFetchedAt?.toISOString() ?? null, fetchCount: feed.fetchCount };
}

/**
 * The feed behind /ical/<token>.ics, or undefined for an unknown or revoked token (a 404, never
 * telling which). Staff feeds list the appointments they lead or join; customer feeds theirs.
 */
export async function renderCalendarFeed(options: { orm: MikroORM; token: string; baseUrl: string; now?: Date }): Promise<string | undefined> {
  const em = options.orm.em.fork();
  const now = options.now ?? new Date();
  const feed = await em.findOne(CalendarFeed, { tokenHash: hashToken(options.token), revokedAt: null }, { filters: false });
  if (!feed) return undefined;
  em.setFilterParams('tenant', { tenantId: feed.tenantId });
  const tenant = await em.findOneOrFail(Tenant, { id: feed.tenantId });
  const span = { startsAt: { $gte: new Date(now.getTime() - PAST_DAYS * 86_400_000), $lt: new Date(now.getTime() + AHEAD_DAYS * 86_400_000) } };
  const owner = feed.ownerType === 'staff' ? { $or: [{ staffId: feed.ownerId }, { teamStaffIds: { $contains: [feed.ownerId] } }] } : { customerId: feed.ownerId };
  const appointments = await em.find(Appointment, { ...owner, ...span }, { orderBy: { startsAt: 'asc' }, limit: 5000 });
  const ownerName =
    feed.ownerType === 'staff' ? (await em.findOne(Staff, { id: feed.ownerId }))?.name : (await em.findOne(Customer, { id: feed.ownerId }))?.name;
  const events = await appointmentEvents({ em, tenant, appointments, audience: feed.ownerType, uidDomain: new URL(options.baseUrl).hostname, portalUrl: `${options.baseUrl}/portal` });
  await em.nativeUpdate(CalendarFeed, { id: feed.id }, { lastFetchedAt: now, fetchCount: feed.fetchCount + 1 });
  const name = feed.ownerType === 'staff' ? `${tenant.name} – ${ownerName ?? 'schedule'}` : `${tenant.name} appointments`;
  return buildCalendar({ name, timezone: tenant.timezone, events, now, refreshMinutes: 15 });
}
