import { Customer, Staff } from '../../../db/entities';
import type { CustomerInput, CustomerListQuery } from '../../routes/customers.schema';
import type { ResourceDefinition } from '../crud/resource';

export const customerResource: ResourceDefinition<Customer, CustomerInput, CustomerListQuery> = {
  label: 'customer',
  entity: Customer,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'email', 'phone'],
  softDelete: false,
  filters: (query) => [
    ...(query.email ? [{ email: query.email.toLowerCase() }] : []),
    ...(query.phone ? [{ phone: query.phone }] : []),
    ...(query.tag ? [{ tags: { $contains: [query.tag] } }] : []),
  ],
  references: (input) => [{ path: 'preferredStaffId', entity: Staff, ids: input.preferredStaffId, label: 'staff member' }],
  toEntityData: (input) => ({ ...input, ...(input.email ? { email: input.email.toLowerCase() } : {}) }),
  inUseMessage: 'This customer has appointments or payments; their history must stay, so the customer cannot be deleted',
};
