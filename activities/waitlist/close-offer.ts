import type { MikroORM } from '@mikro-orm/postgresql';
import { WaitlistEntry, WaitlistOffer, type WaitlistOfferStatus } from '../../db/entities';

/**
 * Closes an offer that was declined or ran out of time, unless it was accepted meanwhile, and
 * puts the entry back in the queue (it keeps its place for the next freed slot). Returns the
 * offer's final status: the workflow ends on `accepted`.
 */
export function createCloseWaitlistOffer(deps: { orm: MikroORM; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  return async function closeWaitlistOffer(input: { tenantId: string; offerId: string; status: 'declined' | 'expired' }): Promise<'accepted' | 'declined' | 'expired'> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const now = clock();
    await em.nativeUpdate(WaitlistOffer, { id: input.offerId, status: 'pending' }, { status: input.status, respondedAt: now });
    const offer = await em.findOne(WaitlistOffer, { id: input.offerId }, { disableIdentityMap: true });
    if (!offer) return input.status;
    if (offer.status === 'accepted') return 'accepted';
    await em.nativeUpdate(WaitlistEntry, { id: offer.entryId, status: 'offered' }, { status: 'waiting' });
    return finalOf(offer.status, input.status);
  };
}

function finalOf(status: WaitlistOfferStatus, fallback: 'declined' | 'expired'): 'declined' | 'expired' {
  return status === 'declined' || status === 'expired' ? status : fallback;
}
