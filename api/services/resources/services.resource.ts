import { Location, Service } from '../../../db/entities';
import type { ServiceInput, ServiceListQuery } from '../../routes/services.schema';
import type { ResourceDefinition } from '../crud/resource';

export const serviceResource: ResourceDefinition<Service, ServiceInput, ServiceListQuery> = {
  label: 'service',
  entity: Service,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'category', 'description'],
  softDelete: true,
  filters: (query) => [
    ...(query.category ? [{ category: query.category }] : []),
    ...(query.locationId ? [{ locationId: query.locationId }] : []),
  ],
  references: (input) => [{ path: 'locationId', entity: Location, ids: input.locationId, label: 'location' }],
};
