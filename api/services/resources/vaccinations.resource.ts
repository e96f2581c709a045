import { Pet, Vaccination } from '../../../db/entities';
import type { VaccinationInput, VaccinationListQuery } from '../../routes/vaccinations.schema';
import type { ResourceDefinition } from '../crud/resource';

export const vaccinationResource: ResourceDefinition<Vaccination, VaccinationInput, VaccinationListQuery> = {
  label: 'vaccination',
  entity: Vaccination,
  sort: { field: 'expiresOn', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'provider'],
  softDelete: false,
  filters: (query) => [
    ...(query.petId ? [{ petId: query.petId }] : []),
    ...(query.expiringBefore ? [{ expiresOn: { $lt: query.expiringBefore } }] : []),
  ],
  references: (input) => [{ path: 'petId', entity: Pet, ids: input.petId, label: 'pet' }],
};
