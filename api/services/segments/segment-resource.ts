import { Segment } from '../../../db/entities';
import type { SegmentInput, SegmentListQuery } from '../../routes/segments.schema';
import type { ResourceDefinition } from '../crud/resource';

export const segmentResource: ResourceDefinition<Segment, SegmentInput, SegmentListQuery> = {
  label: 'segment',
  entity: Segment,
  sort: { field: 'name', direction: 'asc', kind: 'string' },
  searchFields: ['name', 'description'],
  softDelete: false,
  present: (s) => ({
    id: s.id,
    tenantId: s.tenantId,
    name: s.name,
    description: s.description ?? null,
    filter: s.filter,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  }),
  inUseMessage: 'Campaigns were sent to this segment; it is kept for their reports',
};
