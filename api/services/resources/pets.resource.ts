import { wrap } from '@mikro-orm/core';
import { Customer, Pet } from '../../../db/entities';
import type { PetInput, PetListQuery } from '../../routes/pets.schema';
import type { ResourceDefinition } from '../crud/resource';

export const petResource: ResourceDefinition<Pet, PetInput, PetListQuery> = {
  label: 'pet',
  entity: Pet,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'breed', 'species'],
  softDelete: true,
  filters: (query) => [
    ...(query.customerId ? [{ customerId: query.customerId }] : []),
    ...(query.species ? [{ species: { $ilike: query.species } }] : []),
  ],
  references: (input) => [{ path: 'customerId', entity: Customer, ids: input.customerId, label: 'customer' }],
  // numeric(6,2) reads back as a string; the api speaks numbers.
  toEntityData: (input) => ({
    ...input,
    ...(input.weightKg !== undefined ? { weightKg: input.weightKg === null ? null : input.weightKg.toFixed(2) } : {}),
  }),
  present: (pet) => {
    const body = wrap(pet).toObject() as Record<string, unknown>;
    return { ...body, weightKg: pet.weightKg == null ? null : Number(pet.weightKg) };
  },
};
