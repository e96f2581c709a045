import type { MikroORM } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Customer, Pet, Tenant, Vaccination, VaccinationWatch } from '../../db/entities';
import type { VaccinationWatchSnapshot } from '../../workflows/vaccination-watch-contract';
import { tenantEm } from '../automation/scope';
import { customerSection, petSection, tenantSection } from '../schedule/customer-context';
import { newerRecordOf } from './newer-record';

export type { VaccinationWatchSnapshot };

/**
 * A date as a time for the DSL's anchors: noon in the business's zone, so the anchor's local
 * date is that date in every recipient zone within ±12 h (waits like "30 days before, 09:00").
 */
export function dateAnchor(date: string, zone: string): string {
  return DateTime.fromISO(date, { zone }).set({ hour: 12 }).toISO() as string;
}

/**
 * Reads what a vaccination watch needs: the record, its pet and owner as a run context, whether a
 * newer record replaced it, and the watch row of earlier executions. Null when the record (or its
 * pet's owner) is gone.
 */
export function createLoadVaccinationWatchActivity(deps: { orm: MikroORM }) {
  return async function loadVaccinationWatch(input: { tenantId: string; vaccinationId: string }): Promise<VaccinationWatchSnapshot | null> {
    const em = tenantEm(deps.orm, input.tenantId);
    const [tenant, vaccination] = await Promise.all([em.findOne(Tenant, { id: input.tenantId }), em.findOne(Vaccination, { id: input.vaccinationId })]);
    if (!tenant || !vaccination) return null;
    const pet = await em.findOne(Pet, { id: vaccination.petId });
    const customer = pet ? await em.findOne(Customer, { id: pet.customerId }) : null;
    if (!pet || !customer) return null;
    const [pets, stored, newer] = await Promise.all([
      em.find(Pet, { customerId: customer.id, active: true }, { orderBy: { name: 'asc' }, limit: 20 }),
      em.findOne(VaccinationWatch, { vaccinationId: vaccination.id }),
      newerRecordOf(em, vaccination),
    ]);
    const zone = tenant.timezone;
    const recordedAt = vaccination.createdAt.toISOString();
    return {
      vaccinationId: vaccination.id,
      name: vaccination.name,
      petId: vaccination.petId,
      expiresOn: vaccination.expiresOn,
      ...(newer ? { renewedById: newer.id } : {}),
      ...(stored ? { stored: { generation: stored.generation, expiresOn: stored.expiresOn, ...(stored.endReason ? { endReason: stored.endReason } : {}) } } : {}),
      context: {
        tenant: tenantSection(tenant),
        customer: customerSection(customer, tenant),
        pets: pets.map(petSection),
        vaccination: {
          id: vaccination.id,
          name: vaccination.name,
          petId: pet.id,
          petName: pet.name,
          administeredAt: dateAnchor(vaccination.administeredOn, zone),
          expiresAt: dateAnchor(vaccination.expiresOn, zone),
          ...(vaccination.provider ? { provider: vaccination.provider } : {}),
        },
        vars: {},
        event: { type: 'vaccination.recorded', at: recordedAt, data: { vaccinationId: vaccination.id } },
        lastEvent: { type: 'vaccination.recorded', at: recordedAt },
      },
    };
  };
}
