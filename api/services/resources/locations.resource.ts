import { Location } from '../../../db/entities';
import type { LocationInput, LocationListQuery } from '../../routes/locations.schema';
import type { ResourceDefinition } from '../crud/resource';

export const locationResource: ResourceDefinition<Location, LocationInput, LocationListQuery> = {
  label: 'location',
  entity: Location,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'address'],
  softDelete: true,
};
