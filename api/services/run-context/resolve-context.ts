import type { MikroORM } from '@mikro-orm/postgresql';
import { Appointment } from '../../../db/entities';
import type { RunContext } from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import { appointmentContext } from './appointment-context';
import { sampleContext, tenantSection } from './sample-context';

export interface ContextRequest {
  appointmentId?: string;
  /** A context (or part of one) given by the caller; merged over the sample, section by section. */
  context?: Record<string, unknown>;
  triggerEvent: string;
  at: Date;
  /** Without appointmentId or context, use the tenant's next (else latest) appointment when it has one. */
  preferRealAppointment?: boolean;
}

export interface ResolvedContext {
  context: RunContext;
  source: 'appointment' | 'sample' | 'given';
  appointmentId?: string;
}

const SECTIONS = ['tenant', 'appointment', 'service', 'staff', 'customer', 'vaccination', 'campaign', 'vars', 'event', 'lastEvent'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Given sections replace fields of the base, one level deep; arrays and other keys replace whole. */
export function mergeContext(base: RunContext, given: Record<string, unknown>): RunContext {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(given)) {
    const current = merged[key];
    merged[key] = SECTIONS.includes(key) && isObject(value) && isObject(current) ? { ...current, ...value } : value;
  }
  return merged as RunContext;
}

/** The context a preview or a simulation runs against: a real appointment's, the caller's, or a sample. */
export async function resolveRunContext(ctx: Pick<RequestContext, 'em' | 'tenantId'>, orm: MikroORM, request: ContextRequest): Promise<ResolvedContext> {
  const { triggerEvent, at } = request;
  if (request.appointmentId) {
    const context = await appointmentContext(ctx, orm, { appointmentId: request.appointmentId, triggerEvent, at });
    return { context: request.context ? mergeContext(context, request.context) : context, source: 'appointment', appointmentId: request.appointmentId };
  }
  if (request.context) {
    const base = await sampleContext(ctx, { at, triggerEvent });
    // The tenant is always the caller's own, whatever the given context says.
    return { context: { ...mergeContext(base, request.context), tenant: { ...(await tenantSection(ctx)), ...pickTenantDisplay(request.context) } }, source: 'given' };
  }
  if (request.preferRealAppointment) {
    const real =
      (await ctx.em.findOne(Appointment, { startsAt: { $gte: at }, status: { $in: ['pending', 'confirmed'] } }, { orderBy: { startsAt: 'asc' }, fields: ['id'] })) ??
      (await ctx.em.findOne(Appointment, {}, { orderBy: { startsAt: 'desc' }, fields: ['id'] }));
    if (real) return { context: await appointmentContext(ctx, orm, { appointmentId: real.id, triggerEvent, at }), source: 'appointment', appointmentId: real.id };
  }
  return { context: await sampleContext(ctx, { at, triggerEvent }), source: 'sample' };
}

/** Display fields of the tenant a caller may override in a preview (never its id or zone). */
function pickTenantDisplay(given: Record<string, unknown>): Record<string, unknown> {
  const tenant = isObject(given.tenant) ? given.tenant : {};
  const { id: _id, timezone: _timezone, ...rest } = tenant;
  return rest;
}
