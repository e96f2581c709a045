import { randomUUID } from 'node:crypto';
import { Appointment, type AppointmentSource, type AppointmentStatus } from '../../entities/appointment';
import { appointmentWorkflowId } from '../../../workflows/appointment-contract';
import type { DemoContext } from './context';
import type { DemoCustomer } from './customers';
import { CANCEL_REASONS } from './names';
import type { DemoPet } from './pets';
import { planSchedule, type SchedulePlanOptions, type Slot } from './schedule';
import type { DemoService } from './services';

export interface DemoAppointment {
  entity: Appointment;
  customer: DemoCustomer;
  pet: DemoPet;
  service: DemoService;
}

export interface AppointmentPlanOptions extends SchedulePlanOptions {
  locationId: string;
  ownerUserId: string;
}

const CANCEL_RATE = 0.08;
const LARGE_DOG_KG = 30;
const LARGE_DOG_SURCHARGE_CENTS = 1500;

const APPOINTMENT_NOTES = [
  'Short on top, keep the ears fluffy.',
  'Hypoallergenic shampoo, please.',
  'Owner will pick up after 4pm.',
  'Matting behind the ears last time.',
] as const;

/**
 * The bookings of the demo: past ones completed, missed (at each customer's own no-show
 * rate) or cancelled; upcoming ones pending or confirmed, each with its workflow id.
 */
export function buildAppointments(
  ctx: DemoContext,
  options: AppointmentPlanOptions,
): { past: DemoAppointment[]; future: DemoAppointment[] } {
  const { past, future } = planSchedule(ctx, options);
  return {
    past: past.map((slot) => pastAppointment(ctx, options, slot)),
    future: future.map((slot) => futureAppointment(ctx, options, slot)),
  };
}

function pastAppointment(ctx: DemoContext, options: AppointmentPlanOptions, slot: Slot): DemoAppointment {
  const { rng } = ctx;
  const status: AppointmentStatus = rng.chance(slot.customer.noShowRate)
    ? 'no_show'
    : rng.chance(CANCEL_RATE)
      ? 'cancelled'
      : 'completed';
  const customerSince = slot.customer.entity.createdAt.getTime();
  let createdAt = Math.max(customerSince, slot.startsAt.minus({ hours: rng.int(4, 21 * 24) }).toMillis());
  const fields: Partial<Appointment> = {};
  if (status === 'completed') {
    fields.arrivedAt = slot.startsAt.minus({ minutes: rng.int(0, 10) }).toJSDate();
    fields.completedAt = new Date(Math.min(slot.endsAt.plus({ minutes: rng.int(0, 10) }).toMillis(), ctx.now.toMillis()));
  } else if (status === 'cancelled') {
    const hoursBefore = rng.chance(0.35) ? rng.int(1, 23) : rng.int(24, 96);
    const cancelledAt = Math.max(createdAt + 3_600_000, slot.startsAt.minus({ hours: hoursBefore }).toMillis());
    createdAt = Math.min(createdAt, cancelledAt - 3_600_000);
    fields.cancelledAt = new Date(cancelledAt);
    fields.cancelReason = rng.pick(CANCEL_REASONS);
  }
  const updatedAt =
    fields.completedAt ?? fields.cancelledAt ?? slot.startsAt.plus({ minutes: 15 }).toJSDate();
  return createAppointment(ctx, options, slot, status, new Date(createdAt), updatedAt, fields);
}

function futureAppointment(ctx: DemoContext, options: AppointmentPlanOptions, slot: Slot): DemoAppointment {
  const status: AppointmentStatus = ctx.rng.chance(0.6) ? 'confirmed' : 'pending';
  const createdAt = new Date(
    Math.max(slot.customer.entity.createdAt.getTime(), ctx.now.minus({ hours: ctx.rng.int(1, 96) }).toMillis()),
  );
  return createAppointment(ctx, options, slot, status, createdAt, createdAt, {});
}

function createAppointment(
  ctx: DemoContext,
  options: AppointmentPlanOptions,
  slot: Slot,
  status: AppointmentStatus,
  createdAt: Date,
  updatedAt: Date,
  fields: Partial<Appointment>,
): DemoAppointment {
  const { rng } = ctx;
  const id = randomUUID();
  const source = rng.weighted<AppointmentSource>([
    ['online', 50],
    ['phone', 25],
    ['admin', 15],
    ['portal', 10],
  ]);
  const large = slot.pet.species === 'dog' && Number(slot.pet.entity.weightKg) > LARGE_DOG_KG;
  const surcharge = large && slot.service.spec.category === 'grooming' && slot.service.spec.durationMinutes >= 60;
  const entity = ctx.em.create(
    Appointment,
    {
      id,
      tenantId: ctx.tenantId,
      serviceId: slot.service.entity.id,
      staffId: slot.member.entity.id,
      customerId: slot.customer.entity.id,
      locationId: options.locationId,
      petId: slot.pet.entity.id,
      startsAt: slot.startsAt.toJSDate(),
      endsAt: slot.endsAt.toJSDate(),
      status,
      source,
      priceCents: slot.service.spec.priceCents + (surcharge ? LARGE_DOG_SURCHARGE_CENTS : 0),
      participants: [{ name: slot.pet.entity.name, customerId: slot.customer.entity.id, petId: slot.pet.entity.id }],
      notes: rng.chance(0.1) ? rng.pick(APPOINTMENT_NOTES) : undefined,
      workflowId: appointmentWorkflowId(ctx.tenantId, id),
      createdByUserId: source === 'phone' || source === 'admin' ? options.ownerUserId : undefined,
      createdAt,
      updatedAt,
      ...fields,
    },
    { persist: false },
  );
  return { entity, customer: slot.customer, pet: slot.pet, service: slot.service };
}
