import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Review } from '../../../db/entities';
import type { PortalContext } from '../../middleware/authenticate-customer';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';
import { ownAppointment } from './portal-appointments';

export const presentReview = (r: Review) => ({
  id: r.id,
  appointmentId: r.appointmentId,
  serviceId: r.serviceId,
  staffId: r.staffId ?? null,
  rating: r.rating,
  comment: r.comment ?? null,
  published: r.published,
  createdAt: r.createdAt.toISOString(),
});

/** A review of one's own completed visit; one per appointment (409 the second time). */
export async function reviewVisit(portal: PortalContext, appointmentId: string, input: { rating: number; comment?: string | null }) {
  const appointment = await ownAppointment(portal, appointmentId);
  if (appointment.status !== 'completed') {
    throw new AppError('INVALID_STATE', 'Only a completed visit can be reviewed', [{ path: 'appointmentId', message: `the visit is ${appointment.status.replace('_', '-')}` }]);
  }
  const review = createInTenant(portal, Review, {
    appointmentId,
    customerId: portal.customerId,
    staffId: appointment.staffId,
    serviceId: appointment.serviceId,
    rating: input.rating,
    comment: input.comment ?? undefined,
  });
  try {
    await portal.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new AppError('CONFLICT', 'This visit has already been reviewed');
    throw error;
  }
  return presentReview(review);
}

export async function listOwnReviews(portal: PortalContext) {
  return (await portal.em.find(Review, { customerId: portal.customerId }, { orderBy: { createdAt: 'desc' } })).map(presentReview);
}
