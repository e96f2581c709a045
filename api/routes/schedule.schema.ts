import { externalBusySources } from '../../db/entities';
import { z } from '../zod';
import { isoDate, isoDateTime, listQueryShape, optionalText, recordShape, timestamp } from './common.schema';

const hhmm = (allowEndOfDay: boolean) =>
  z
    .string()
    .regex(allowEndOfDay ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, `must be HH:mm${allowEndOfDay ? ' (24:00 ends the day)' : ''}`);

export const weeklyRuleSchema = z
  .strictObject({
    weekday: z.number().int().min(1).max(7).openapi({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
    startTime: hhmm(false),
    endTime: hhmm(true).openapi({ description: 'Earlier than startTime runs past midnight' }),
    locationId: z.uuid().nullish(),
  })
  .openapi('WeeklyRule');

export const weeklyHoursSchema = z.strictObject({ rules: z.array(weeklyRuleSchema).max(100) }).openapi('WeeklyHours');

const span = { startsAt: isoDateTime(), endsAt: isoDateTime() };
const endsAfterStarts = (v: { startsAt?: string; endsAt?: string }) => !v.startsAt || !v.endsAt || Date.parse(v.endsAt) > Date.parse(v.startsAt);
const endIssue = { message: 'must be after startsAt', path: ['endsAt'] };

const timeOffFields = { staffId: z.uuid(), ...span, reason: optionalText(1000) };
export const timeOffCreateSchema = z.strictObject(timeOffFields).refine(endsAfterStarts, endIssue).openapi('TimeOffInput');
export const timeOffUpdateSchema = z.strictObject(timeOffFields).partial().refine(endsAfterStarts, endIssue).openapi('TimeOffUpdate');
export const timeOffSchema = z.object({ ...recordShape, staffId: z.uuid(), startsAt: timestamp(), endsAt: timestamp(), reason: z.string().nullish() }).openapi('TimeOff');

const overrideFields = {
  staffId: z.uuid().nullish().openapi({ description: 'Omitted or null: the whole business (a holiday)' }),
  date: isoDate(),
  closed: z.boolean().optional(),
  startTime: hhmm(false).nullish(),
  endTime: hhmm(true).nullish(),
  reason: optionalText(1000),
};
const hoursOrClosed = (v: { closed?: boolean; startTime?: string | null; endTime?: string | null }) => Boolean(v.closed) || (Boolean(v.startTime) && Boolean(v.endTime));
export const dateOverrideCreateSchema = z
  .strictObject(overrideFields)
  .refine(hoursOrClosed, { message: 'give closed: true or both startTime and endTime', path: ['closed'] })
  .openapi('DateOverrideInput');
export const dateOverrideUpdateSchema = z.strictObject(overrideFields).partial().openapi('DateOverrideUpdate');
export const dateOverrideSchema = z
  .object({ ...recordShape, staffId: z.uuid().nullish(), date: z.string(), closed: z.boolean(), startTime: z.string().nullish(), endTime: z.string().nullish(), reason: z.string().nullish() })
  .openapi('DateOverride');

const busyFields = { staffId: z.uuid(), ...span, source: z.enum(externalBusySources).optional(), externalId: optionalText(300), summary: optionalText(300) };
export const externalBusyCreateSchema = z.strictObject(busyFields).refine(endsAfterStarts, endIssue).openapi('ExternalBusyInput');
export const externalBusyUpdateSchema = z.strictObject(busyFields).partial().refine(endsAfterStarts, endIssue).openapi('ExternalBusyUpdate');
export const externalBusySchema = z
  .object({ ...recordShape, staffId: z.uuid(), startsAt: timestamp(), endsAt: timestamp(), source: z.enum(externalBusySources), externalId: z.string().nullish(), summary: z.string().nullish() })
  .openapi('ExternalBusy');

export const scheduleListQuery = z
  .strictObject({
    ...listQueryShape,
    staffId: z.uuid().optional(),
    from: isoDateTime().optional().openapi({ description: 'Ending after' }),
    to: isoDateTime().optional().openapi({ description: 'Starting before' }),
  })
  .openapi('ScheduleListQuery');
export const overrideListQuery = z
  .strictObject({ ...listQueryShape, staffId: z.uuid().optional(), from: isoDate().optional(), to: isoDate().optional() })
  .openapi('DateOverrideListQuery');

export type WeeklyHoursInput = z.output<typeof weeklyHoursSchema>;
export type TimeOffInput = z.output<typeof timeOffCreateSchema>;
export type DateOverrideInput = z.output<typeof dateOverrideCreateSchema>;
export type ExternalBusyInput = z.output<typeof externalBusyCreateSchema>;
export type ScheduleListQuery = z.output<typeof scheduleListQuery>;
export type OverrideListQuery = z.output<typeof overrideListQuery>;
