import { Vaccination } from '../../../db/entities';
import type { RequestContext } from '../../context';
import type { VaccinationInput } from '../../routes/vaccinations.schema';
import { createRecord } from '../crud/create-record';
import { deleteRecord } from '../crud/delete-record';
import { findRecordOrThrow } from '../crud/get-record';
import { updateRecord } from '../crud/update-record';
import { vaccinationResource } from '../resources/vaccinations.resource';
import { recordsRenewedBy } from './renewals';
import { notifyVaccinationWatch, type WatchDeps } from './vaccination-watch-client';

type Ctx = Pick<RequestContext, 'em' | 'tenantId' | 'logger'>;

async function tellRenewed(ctx: Ctx, deps: WatchDeps, record: Vaccination): Promise<void> {
  const at = new Date().toISOString();
  for (const older of await recordsRenewedBy(ctx.em, record)) {
    await notifyVaccinationWatch({ ...deps, logger: ctx.logger }, { tenantId: ctx.tenantId, vaccinationId: older.id }, { type: 'renewed', at, renewedById: record.id });
  }
}

/** A new record gets its watch; the records of the same vaccine it renews stop their pending alerts. */
export async function createVaccination(ctx: Ctx, deps: WatchDeps, input: VaccinationInput): Promise<Record<string, unknown>> {
  const body = await createRecord(ctx, vaccinationResource, input);
  const record = await ctx.em.findOneOrFail(Vaccination, { id: String(body.id) });
  await tellRenewed(ctx, deps, record);
  await notifyVaccinationWatch({ ...deps, logger: ctx.logger }, { tenantId: ctx.tenantId, vaccinationId: record.id }, 'start');
  return body;
}

/** An edit of the expiry, vaccine or pet moves the watch's alerts; other edits leave them. */
export async function updateVaccination(ctx: Ctx, deps: WatchDeps, id: string, input: Partial<VaccinationInput>): Promise<Record<string, unknown>> {
  const before = await findRecordOrThrow(ctx, vaccinationResource, id);
  const subject = (v: Vaccination) => `${v.petId}|${v.name}|${v.expiresOn}|${v.administeredOn}`;
  const was = subject(before);
  const body = await updateRecord(ctx, vaccinationResource, id, input);
  const after = await ctx.em.findOneOrFail(Vaccination, { id });
  if (subject(after) !== was) {
    await tellRenewed(ctx, deps, after);
    await notifyVaccinationWatch({ ...deps, logger: ctx.logger }, { tenantId: ctx.tenantId, vaccinationId: id }, { type: 'edited', at: new Date().toISOString() });
  }
  return body;
}

/** A deleted record's pending alerts stop. */
export async function deleteVaccination(ctx: Ctx, deps: WatchDeps, id: string): Promise<void> {
  await deleteRecord(ctx, vaccinationResource, id);
  await notifyVaccinationWatch({ ...deps, logger: ctx.logger }, { tenantId: ctx.tenantId, vaccinationId: id }, { type: 'deleted', at: new Date().toISOString() });
}
