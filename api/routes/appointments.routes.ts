import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { commonErrors } from '../openapi/describe-crud';
import { changeAppointmentStatus, type TargetStatus } from '../services/appointments/change-appointment-status';
import { rescheduleAppointment } from '../services/appointments/reschedule-appointment';
import { cancelAppointment } from '../services/cancel-appointment';
import { bookAppointment } from '../services/booking/book-appointment';
import { appointmentIcsFile, calendarLinksFor } from '../services/ical/appointment-calendar';
import { findRecordOrThrow } from '../services/crud/get-record';
import { listRecords } from '../services/crud/list-records';
import { idempotentRequest } from '../services/idempotency';
import { presentAppointment } from '../services/present-appointment';
import { publicBaseUrl } from '../services/public-url';
import { appointmentResource } from '../services/resources/appointments.resource';
import { parseId, parseInput } from '../validate';
import {
  appointmentListQuery,
  appointmentSchema,
  cancelAppointmentSchema,
  createAppointmentSchema,
  rescheduleAppointmentSchema,
  statusChangeSchema,
} from './appointments.schema';
import { errorSchema, idParams, pageOf } from './common.schema';
import { calendarLinksSchema } from './ical.schema';
import type { RouteModule } from './route-module';
import { z } from '../zod';

const idempotencyHeader = z.object({
  'idempotency-key': z.string().max(255).optional().openapi({ description: 'Makes the request safe to retry' }),
});

function router(deps: ApiDeps): Router {
  const r = Router();
  const taskQueue = deps.config.TEMPORAL_TASK_QUEUE;

  r.get('/', async (req, res) => {
    const query = parseInput(appointmentListQuery, req.query, 'query');
    res.json(await listRecords(ctxOf(req), appointmentResource, query));
  });

  r.get('/:id', async (req, res) => {
    const row = await findRecordOrThrow(ctxOf(req), appointmentResource, parseId(req.params.id, 'Appointment'));
    res.json(presentAppointment(row));
  });

  r.post('/', async (req, res) => {
    const input = parseInput(createAppointmentSchema, req.body, 'body');
    const idempotency = idempotentRequest(req.get('Idempotency-Key'), { method: 'POST', path: '/api/appointments', body: req.body });
    const ctx = ctxOf(req);
    const result = await bookAppointment({ ctx, temporal: deps.temporal, taskQueue, actor: { kind: 'staff', user: ctx.user }, input, idempotency });
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(result.status).json(result.body);
  });

  r.post('/:id/cancel', async (req, res) => {
    const id = parseId(req.params.id, 'Appointment');
    const input = parseInput(cancelAppointmentSchema, req.body, 'body');
    res.json(await cancelAppointment({ ctx: ctxOf(req), temporal: deps.temporal, taskQueue, id, by: 'staff', ...input }));
  });

  r.get('/:id/ics', async (req, res) => {
    const file = await appointmentIcsFile({ em: ctxOf(req).em, baseUrl: publicBaseUrl(req, deps.config), id: parseId(req.params.id, 'Appointment') });
    res.type('text/calendar; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.content);
  });

  r.get('/:id/calendar-links', async (req, res) => {
    res.json(await calendarLinksFor({ em: ctxOf(req).em, baseUrl: publicBaseUrl(req, deps.config), id: parseId(req.params.id, 'Appointment') }));
  });

  r.patch('/:id', async (req, res) => {
    const id = parseId(req.params.id, 'Appointment');
    const input = parseInput(rescheduleAppointmentSchema, req.body, 'body');
    res.json(await rescheduleAppointment({ ctx: ctxOf(req), temporal: deps.temporal, taskQueue, id, input, by: 'staff' }));
  });

  for (const [action, to] of lifecycleActions) {
    r.post(`/:id/${action}`, async (req, res) => {
      const id = parseId(req.params.id, 'Appointment');
      const { reason } = parseInput(statusChangeSchema, req.body, 'body');
      const result = await changeAppointmentStatus({ ctx: ctxOf(req), temporal: deps.temporal, taskQueue, id, to, ...(reason ? { reason } : {}) });
      res.json(result.appointment);
    });
  }

  return r;
}

/** POST /api/appointments/:id/<action> and the status it leads to. */
const lifecycleActions: ReadonlyArray<readonly [string, TargetStatus]> = [
  ['confirm', 'confirmed'],
  ['check-in', 'checked_in'],
  ['complete', 'completed'],
  ['no-show', 'no_show'],
];

function document(registry: OpenAPIRegistry): void {
  const json = (schema: Parameters<typeof registry.register>[1]) => ({ content: { 'application/json': { schema } } });
  const tags = ['Appointments'];
  const security = [{ bearerAuth: [] }];
  const err = (description: string) => ({ description, ...json(errorSchema) });
  registry.registerPath({
    method: 'get', path: '/api/appointments', tags, security, summary: 'List appointments (ordered by start)',
    request: { query: appointmentListQuery },
    responses: { 200: { description: 'A page of appointments', ...json(pageOf(appointmentSchema, 'AppointmentsPage')) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'post', path: '/api/appointments', tags, security,
    summary: 'Book an appointment and start its workflow',
    description: 'Send an Idempotency-Key header to make retries safe: the same key with the same body replays the first answer.',
    request: {
      headers: idempotencyHeader,
      body: { required: true, ...json(createAppointmentSchema) },
    },
    responses: {
      201: { description: 'Booked', ...json(appointmentSchema) },
      ...commonErrors,
      403: err('override needs the owner or admin role'),
      409: err(
        'SLOT_TAKEN: taken meanwhile (details carry the next free slots); SLOT_UNAVAILABLE: outside hours; REPUTATION_TOO_LOW; BOOKING_LIMIT_REACHED: too many upcoming bookings; VACCINATION_EXPIRED (staff may overrideVaccination)',
      ),
      422: err('IDEMPOTENCY_KEY_REUSED: the key was used for a different request'),
    },
  });
  registry.registerPath({
    method: 'get', path: '/api/appointments/{id}/ics', tags, security, summary: 'The appointment as an .ics file (RFC 5545)',
    request: { params: idParams },
    responses: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } }, ...commonErrors, 404: err('Not found') },
  });
  registry.registerPath({
    method: 'get', path: '/api/appointments/{id}/calendar-links', tags, security, summary: 'Add-to-Google and add-to-Outlook links, and the .ics URL',
    request: { params: idParams },
    responses: { 200: { description: 'Links', ...json(calendarLinksSchema) }, ...commonErrors, 404: err('Not found') },
  });
  registry.registerPath({
    method: 'get', path: '/api/appointments/{id}', tags, security, summary: 'Get an appointment',
    request: { params: idParams },
    responses: { 200: { description: 'The appointment', ...json(appointmentSchema) }, ...commonErrors, 404: err('Not found') },
  });
  registry.registerPath({
    method: 'post', path: '/api/appointments/{id}/cancel', tags, security, summary: 'Cancel an appointment',
    request: { params: idParams, body: { required: false, ...json(cancelAppointmentSchema) } },
    responses: {
      200: { description: 'Cancelled', ...json(appointmentSchema) },
      ...commonErrors,
      404: err('Not found'),
      409: err('INVALID_TRANSITION: already completed or a no-show. Staff may cancel inside the cancel window: it is logged as a policy override'),
    },
  });
  registry.registerPath({
    method: 'patch', path: '/api/appointments/{id}', tags, security, summary: 'Reschedule: new start (and staff); the end follows the service',
    description: 'Signals appointment.rescheduled: reminders anchored on the start move with it.',
    request: { params: idParams, body: { required: true, ...json(rescheduleAppointmentSchema) } },
    responses: {
      200: { description: 'Rescheduled', ...json(appointmentSchema) },
      ...commonErrors,
      404: err('Not found'),
      409: err('SLOT_TAKEN: overlaps another appointment of the staff member; INVALID_TRANSITION: not pending or confirmed'),
    },
  });
  for (const [action, to] of lifecycleActions) {
    registry.registerPath({
      method: 'post', path: `/api/appointments/{id}/${action}`, tags, security, summary: `Mark the appointment ${to.replace('_', '-')}`,
      description: 'Follows the status machine (pending → confirmed → checked-in → completed; no-show before check-in) and signals the workflow. Repeating it changes nothing.',
      request: { params: idParams, body: { required: false, ...json(statusChangeSchema) } },
      responses: {
        200: { description: 'The appointment', ...json(appointmentSchema) },
        ...commonErrors,
        404: err('Not found'),
        409: err('INVALID_TRANSITION: details name the from and to statuses'),
      },
    });
  }
}

export const appointmentsRoutes: RouteModule = { path: '/appointments', router, document };
