import { Location, Service, Staff } from '../../../db/entities';
import type { StaffInput, StaffListQuery } from '../../routes/staff.schema';
import type { ResourceDefinition } from '../crud/resource';

export const staffResource: ResourceDefinition<Staff, StaffInput, StaffListQuery> = {
  label: 'staff member',
  entity: Staff,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'email', 'title'],
  softDelete: true,
  filters: (query) => [
    ...(query.locationId ? [{ locationId: query.locationId }] : []),
    ...(query.serviceId ? [{ serviceIds: { $contains: [query.serviceId] } }] : []),
  ],
  references: (input) => [
    { path: 'locationId', entity: Location, ids: input.locationId, label: 'location' },
    { path: 'serviceIds', entity: Service, ids: input.serviceIds, label: 'service' },
  ],
  toEntityData: (input) => ({ ...input, ...(input.email ? { email: input.email.toLowerCase() } : {}) }),
};
