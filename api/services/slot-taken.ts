import { Appointment, Staff } from '../../db/entities';
import type { RequestContext } from '../context';
import { AppError } from '../errors';

/**
 * The answer to the exclusion constraint refusing an overlap, naming who is busy and the
 * booking in the way, so the caller can pick another time.
 */
export async function slotTakenError(
  ctx: Pick<RequestContext, 'em'>,
  slot: { staffId: string; startsAt: Date; endsAt: Date },
): Promise<AppError> {
  const em = ctx.em.fork();
  const [staff, clash] = await Promise.all([
    em.findOne(Staff, { id: slot.staffId }),
    em.findOne(
      Appointment,
      { staffId: slot.staffId, status: { $ne: 'cancelled' }, startsAt: { $lt: slot.endsAt }, endsAt: { $gt: slot.startsAt } },
      { orderBy: { startsAt: 'asc' } },
    ),
  ]);
  const who = staff?.name ?? 'This staff member';
  const when = clash ? ` from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()}` : '';
  return new AppError(
    'SLOT_TAKEN',
    `${who} is already booked${when}; the requested slot ${slot.startsAt.toISOString()}–${slot.endsAt.toISOString()} overlaps it. Pick another time or staff member.`,
    [{ path: 'startsAt', message: `overlaps an existing appointment${when}` }],
  );
}
