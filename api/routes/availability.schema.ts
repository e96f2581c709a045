import { z } from '../zod';

const instantOrDate = () =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .openapi({ description: 'A local date (YYYY-MM-DD, in the business zone; `to` includes that day) or an instant with offset', example: '2026-03-14' });

export const availabilityQuery = z
  .strictObject({
    serviceId: z.uuid(),
    from: instantOrDate(),
    to: instantOrDate(),
    staffId: z.uuid().optional().openapi({ description: 'Only this staff member (for a collective service: slots they take part in)' }),
    seats: z.coerce.number().int().min(1).max(500).optional().openapi({ description: 'Party size for a group session (default 1)' }),
  })
  .openapi('AvailabilityQuery');

export const slotSchema = z
  .object({
    startsAt: z.string().openapi({ example: '2026-03-14T09:00:00-04:00' }),
    endsAt: z.string(),
    staffIds: z.array(z.uuid()).openapi({ description: 'Who can take it, best first (round robin); the team for a collective service' }),
    seatsLeft: z.number().int().optional(),
    seatsLeftByStaff: z.record(z.string(), z.number().int()).optional(),
  })
  .openapi('Slot');

export const availabilitySchema = z
  .object({
    serviceId: z.uuid(),
    timezone: z.string(),
    slots: z.array(slotSchema),
  })
  .openapi('Availability');

export type AvailabilityQuery = z.output<typeof availabilityQuery>;
