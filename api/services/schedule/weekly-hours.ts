import { AvailabilityRule, Location, Staff } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import type { WeeklyHoursInput } from '../../routes/schedule.schema';
import { assertReferencesExist } from '../references';
import { createInTenant } from '../tenant-scope';

export interface WeeklyHoursBody {
  staffId: string;
  rules: Array<{ weekday: number; startTime: string; endTime: string; locationId: string | null }>;
}

const present = (staffId: string, rules: AvailabilityRule[]): WeeklyHoursBody => ({
  staffId,
  rules: rules
    .map((r) => ({ weekday: r.weekday, startTime: r.startTime, endTime: r.endTime, locationId: r.locationId ?? null }))
    .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime)),
});

export async function getWeeklyHours(ctx: Pick<RequestContext, 'em'>, staffId: string): Promise<WeeklyHoursBody> {
  if (!(await ctx.em.findOne(Staff, { id: staffId }))) throw notFound('Staff member', staffId);
  return present(staffId, await ctx.em.find(AvailabilityRule, { staffId }));
}

/** Replaces a staff member's weekly hours in one transaction (the form always saves the whole week). */
export async function replaceWeeklyHours(ctx: Pick<RequestContext, 'em' | 'tenantId' | 'logger'>, staffId: string, input: WeeklyHoursInput): Promise<WeeklyHoursBody> {
  if (!(await ctx.em.findOne(Staff, { id: staffId }))) throw notFound('Staff member', staffId);
  await assertReferencesExist(ctx, [{ path: 'rules.locationId', entity: Location, ids: input.rules.map((r) => r.locationId).filter((v): v is string => Boolean(v)), label: 'location' }]);
  const rules = await ctx.em.transactional(async (tx) => {
    await tx.nativeDelete(AvailabilityRule, { staffId });
    const created = input.rules.map((rule) =>
      createInTenant({ em: tx, tenantId: ctx.tenantId }, AvailabilityRule, { staffId, weekday: rule.weekday, startTime: rule.startTime, endTime: rule.endTime, locationId: rule.locationId ?? undefined }),
    );
    await tx.flush();
    return created;
  });
  ctx.logger.info({ staffId, rules: rules.length }, 'weekly hours replaced');
  return present(staffId, rules);
}
