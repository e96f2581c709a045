import { DateOverride, ExternalBusy, Staff, TimeOff } from '../../../db/entities';
import type { DateOverrideInput, ExternalBusyInput, OverrideListQuery, ScheduleListQuery, TimeOffInput } from '../../routes/schedule.schema';
import type { ResourceDefinition } from '../crud/resource';

const spanFilters = (query: ScheduleListQuery) => [
  ...(query.staffId ? [{ staffId: query.staffId }] : []),
  ...(query.from ? [{ endsAt: { $gt: new Date(query.from) } }] : []),
  ...(query.to ? [{ startsAt: { $lt: new Date(query.to) } }] : []),
];
const staffRef = (input: { staffId?: string | null }) => [{ path: 'staffId', entity: Staff, ids: input.staffId, label: 'staff member' }];

export const timeOffResource: ResourceDefinition<TimeOff, TimeOffInput, ScheduleListQuery> = {
  label: 'time off',
  entity: TimeOff,
  sort: { field: 'startsAt', direction: 'asc', kind: 'date' },
  searchFields: ['reason'],
  softDelete: false,
  filters: spanFilters,
  references: staffRef,
};

export const externalBusyResource: ResourceDefinition<ExternalBusy, ExternalBusyInput, ScheduleListQuery> = {
  label: 'busy block',
  entity: ExternalBusy,
  sort: { field: 'startsAt', direction: 'asc', kind: 'date' },
  searchFields: ['summary'],
  softDelete: false,
  filters: spanFilters,
  references: staffRef,
};

export const dateOverrideResource: ResourceDefinition<DateOverride, DateOverrideInput, OverrideListQuery> = {
  label: 'date override',
  entity: DateOverride,
  sort: { field: 'date', direction: 'asc', kind: 'string' },
  searchFields: ['reason'],
  softDelete: false,
  filters: (query) => [
    ...(query.staffId ? [{ $or: [{ staffId: query.staffId }, { staffId: null }] }] : []),
    ...(query.from ? [{ date: { $gte: query.from } }] : []),
    ...(query.to ? [{ date: { $lte: query.to } }] : []),
  ],
  references: staffRef,
};
