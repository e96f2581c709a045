import { MembershipPlan, Package, Service } from '../../../db/entities';
import type { z } from '../../zod';
import type { packageCreateSchema, packageListQuery, planCreateSchema, planListQuery } from '../../routes/commerce.schema';
import type { ResourceDefinition } from '../crud/resource';

export const packageResource: ResourceDefinition<Package, z.output<typeof packageCreateSchema>, z.output<typeof packageListQuery>> = {
  label: 'package',
  entity: Package,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'description'],
  softDelete: true,
  references: (input) => [{ path: 'serviceIds', entity: Service, ids: input.serviceIds, label: 'service' }],
  inUseMessage: 'This package has been sold; deactivate it instead',
};

export const membershipPlanResource: ResourceDefinition<MembershipPlan, z.output<typeof planCreateSchema>, z.output<typeof planListQuery>> = {
  label: 'membership plan',
  entity: MembershipPlan,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'description'],
  softDelete: true,
  references: (input) => [
    { path: 'serviceIds', entity: Service, ids: input.serviceIds, label: 'service' },
    { path: 'memberPrices', entity: Service, ids: Object.keys(input.memberPrices ?? {}), label: 'service' },
  ],
};
