import { z } from '../zod';
import { isoDate, listQueryShape, optionalText, recordShape } from './common.schema';

const vaccinationFields = {
  petId: z.uuid(),
  name: z.string().trim().min(1).max(120),
  administeredOn: isoDate(),
  expiresOn: isoDate(),
  provider: optionalText(200),
  notes: optionalText(5000),
};

const expiresAfterAdministered = (v: { administeredOn?: string; expiresOn?: string }) =>
  !v.administeredOn || !v.expiresOn || v.expiresOn >= v.administeredOn;
const expiryIssue = { message: 'must not be before administeredOn', path: ['expiresOn'] };

export const vaccinationCreateSchema = z
  .strictObject(vaccinationFields)
  .refine(expiresAfterAdministered, expiryIssue)
  .openapi('VaccinationInput');

export const vaccinationUpdateSchema = z
  .strictObject(vaccinationFields)
  .partial()
  .refine(expiresAfterAdministered, expiryIssue)
  .openapi('VaccinationUpdate');

export const vaccinationSchema = z.object({ ...recordShape, ...vaccinationFields }).openapi('Vaccination');

export const vaccinationListQuery = z
  .strictObject({
    ...listQueryShape,
    petId: z.uuid().optional(),
    expiringBefore: isoDate().optional().openapi({ description: 'Only records expiring before this date' }),
  })
  .openapi('VaccinationListQuery');

export type VaccinationInput = z.output<typeof vaccinationCreateSchema>;
export type VaccinationListQuery = z.output<typeof vaccinationListQuery>;
