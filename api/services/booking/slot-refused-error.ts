import type { Service, Tenant } from '../../../db/entities';
import { AppError } from '../../errors';
import type { DomainContext } from '../appointments/domain-context';
import { safeNextSlots, slotDetails, slotTakenError } from '../slot-taken';
import type { SlotRefused } from './resolve-slot';

/** A refused slot in the api's words, with the next free slots to pick from. */
export async function slotRefusedError(
  ctx: DomainContext,
  refused: SlotRefused,
  options: { tenant: Tenant; service: Service; start: Date; seats: number; requestedStaffId: string | null },
): Promise<AppError> {
  const { tenant, service, start, seats } = options;
  const staffId = options.requestedStaffId ?? refused.staffId;
  const end = new Date(start.getTime() + service.durationMinutes * 60_000);
  if (refused.reason === 'taken' && staffId) {
    return slotTakenError(ctx, { staffId, startsAt: start, endsAt: end, service, tenant, seats });
  }
  const next = await safeNextSlots({ em: ctx.em, tenant, service, after: start, staffId, seats, logger: ctx.logger });
  const code = refused.reason === 'taken' || refused.reason === 'session_full' ? 'SLOT_TAKEN' : 'SLOT_UNAVAILABLE';
  const why =
    refused.reason === 'outside_hours'
      ? 'it is outside working hours'
      : refused.reason === 'session_full'
        ? 'the session is full'
        : refused.reason === 'taken'
          ? 'it has just been taken'
          : 'it is not offered (hours, notice, how far ahead, or already booked)';
  const hint = refused.reason === 'outside_hours' ? ' An owner or admin can book it anyway with override: true.' : '';
  return new AppError(code, `${service.name} cannot be booked at ${start.toISOString()}: ${why}.${hint}`, [
    { path: 'startsAt', message: why },
    ...slotDetails(next),
  ]);
}
