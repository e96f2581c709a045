import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type Response, Router } from 'express';
import { Membership, PackagePurchase, Payment } from '../../db/entities';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/require-role';
import { commonErrors, describeCrud } from '../openapi/describe-crud';
import { cancelMembership, presentMembership, startMembership } from '../services/memberships/start-membership';
import { presentPurchase, sellPackage } from '../services/packages/sell-package';
import { customerBalance } from '../services/payments/customer-balance';
import { presentPayment } from '../services/payments/present-payment';
import { recordPayment, refundPayment, settlePayment } from '../services/payments/record-payment';
import { renderInvoice, renderReceipt } from '../services/payments/render-receipts';
import { membershipPlanResource, packageResource } from '../services/resources/commerce.resources';
import { parseId, parseInput } from '../validate';
import { z } from '../zod';
import {
  customerFilterQuery,
  packageCreateSchema,
  packageListQuery,
  packageSchema,
  packageUpdateSchema,
  paymentListQuery,
  planCreateSchema,
  planListQuery,
  planSchema,
  planUpdateSchema,
  recordPaymentSchema,
  refundPaymentSchema,
  sellPackageSchema,
  settlePaymentSchema,
  startMembershipSchema,
} from './commerce.schema';
import { idParams } from './common.schema';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';

const managers = ['owner', 'admin'] as const;
const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const anyJson = json(z.object({}).passthrough());
const pdf = { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } };
const security = [{ bearerAuth: [] }];

export function sendPdf(res: Response, file: { filename: string; pdf: Buffer }): void {
  res.type('application/pdf').setHeader('Content-Disposition', `inline; filename="${file.filename}"`);
  res.send(file.pdf);
}

const scopeOf = (req: Parameters<typeof ctxOf>[0]) => {
  const ctx = ctxOf(req);
  return { em: ctx.em, tenantId: ctx.tenantId, userId: ctx.user.id, requestId: ctx.requestId };
};

/** /api/packages (+ /:id/sell) and /api/package-purchases. */
export const packagesRoutes: RouteModule = {
  path: '/packages',
  router: (deps: ApiDeps) => {
    const r = Router();
    r.post('/:id/sell', async (req, res) => {
      const input = parseInput(sellPackageSchema, req.body, 'body');
      const scope = scopeOf(req);
      res.status(201).json(await sellPackage({ ...scope, providers: deps.payments, packageId: parseId(req.params.id, 'Package'), customerId: input.customerId, ...(input.collect ? { collect: input.collect } : {}) }));
    });
    r.use(crudRouter({ resource: packageResource, create: packageCreateSchema, update: packageUpdateSchema, listQuery: packageListQuery, writeRoles: managers }));
    return r;
  },
  document: (registry: OpenAPIRegistry) => {
    describeCrud(registry, { path: '/api/packages', tag: 'Packages', label: 'package', record: packageSchema, create: packageCreateSchema, update: packageUpdateSchema, listQuery: packageListQuery, writeRoles: managers });
    registry.registerPath({ method: 'post', path: '/api/packages/{id}/sell', tags: ['Packages'], security, summary: 'Sell a package to a customer (purchase + payment)', request: { params: idParams, body: { required: true, ...json(sellPackageSchema) } }, responses: { 201: { description: 'Sold', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'get', path: '/api/package-purchases', tags: ['Packages'], security, summary: 'Package purchases and their credits left', request: { query: customerFilterQuery }, responses: { 200: { description: 'Purchases', ...anyJson }, ...commonErrors } });
  },
};

export const packagePurchasesRoutes: RouteModule = {
  path: '/package-purchases',
  router: () => {
    const r = Router();
    r.get('/', async (req, res) => {
      const { customerId } = parseInput(customerFilterQuery, req.query, 'query');
      const rows = await ctxOf(req).em.find(PackagePurchase, customerId ? { customerId } : {}, { orderBy: { createdAt: 'desc' }, limit: 500 });
      res.json({ items: rows.map(presentPurchase), total: rows.length });
    });
    return r;
  },
  document: () => undefined,
};

/** /api/membership-plans and /api/memberships. */
export const membershipPlansRoutes: RouteModule = {
  path: '/membership-plans',
  router: () => crudRouter({ resource: membershipPlanResource, create: planCreateSchema, update: planUpdateSchema, listQuery: planListQuery, writeRoles: managers }),
  document: (registry) => describeCrud(registry, { path: '/api/membership-plans', tag: 'Memberships', label: 'membership plan', record: planSchema, create: planCreateSchema, update: planUpdateSchema, listQuery: planListQuery, writeRoles: managers }),
};

export const membershipsRoutes: RouteModule = {
  path: '/memberships',
  router: (deps: ApiDeps) => {
    const r = Router();
    const base = (req: Parameters<typeof ctxOf>[0]) => ({ ...scopeOf(req), temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, logger: ctxOf(req).logger });
    r.get('/', async (req, res) => {
      const { customerId } = parseInput(customerFilterQuery, req.query, 'query');
      const rows = await ctxOf(req).em.find(Membership, customerId ? { customerId } : {}, { orderBy: { createdAt: 'desc' }, limit: 500 });
      res.json({ items: rows.map(presentMembership), total: rows.length });
    });
    r.post('/', async (req, res) => {
      const input = parseInput(startMembershipSchema, req.body, 'body');
      res.status(201).json(await startMembership({ ...base(req), providers: deps.payments, planId: input.planId, customerId: input.customerId, ...(input.collect ? { collect: input.collect } : {}) }));
    });
    r.post('/:id/cancel', async (req, res) => {
      res.json(await cancelMembership({ ...base(req), id: parseId(req.params.id, 'Membership') }));
    });
    return r;
  },
  document: (registry) => {
    registry.registerPath({ method: 'get', path: '/api/memberships', tags: ['Memberships'], security, summary: 'Memberships', request: { query: customerFilterQuery }, responses: { 200: { description: 'Memberships', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/memberships', tags: ['Memberships'], security, summary: 'Start a membership: first charge and the billing workflow', request: { body: { required: true, ...json(startMembershipSchema) } }, responses: { 201: { description: 'Started', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/memberships/{id}/cancel', tags: ['Memberships'], security, summary: 'Cancel: no further charges', request: { params: idParams }, responses: { 200: { description: 'Cancelled', ...anyJson }, ...commonErrors } });
  },
};

/** /api/payments: record, settle, refund, receipts; /api/payments/balance/:customerId; invoices. */
export const paymentsRoutes: RouteModule = {
  path: '/payments',
  router: (deps: ApiDeps) => {
    const r = Router();
    r.get('/', async (req, res) => {
      const query = parseInput(paymentListQuery, req.query, 'query');
      const where = { ...(query.customerId ? { customerId: query.customerId } : {}), ...(query.appointmentId ? { appointmentId: query.appointmentId } : {}), ...(query.status ? { status: query.status } : {}) };
      const [rows, total] = await Promise.all([ctxOf(req).em.find(Payment, where, { orderBy: { createdAt: 'desc' }, limit: query.limit ?? 100 }), ctxOf(req).em.count(Payment, where)]);
      res.json({ items: rows.map(presentPayment), total });
    });
    r.post('/', async (req, res) => {
      const input = parseInput(recordPaymentSchema, req.body, 'body');
      res.status(201).json(await recordPayment(scopeOf(req), deps.payments, { ...input, ...(req.get('Idempotency-Key') ? { idempotencyKey: req.get('Idempotency-Key') } : {}) }));
    });
    r.get('/balance/:customerId', async (req, res) => {
      res.json(await customerBalance(ctxOf(req).em, parseId(req.params.customerId, 'Customer')));
    });
    r.get('/invoices/:appointmentId.pdf', async (req, res) => {
      sendPdf(res, await renderInvoice(ctxOf(req).em, parseId(req.params.appointmentId, 'Appointment')));
    });
    r.post('/:id/settle', async (req, res) => {
      const input = parseInput(settlePaymentSchema, req.body, 'body');
      res.json(await settlePayment(scopeOf(req), deps.payments, parseId(req.params.id, 'Payment'), input));
    });
    r.post('/:id/refund', requireRole(...managers), async (req, res) => {
      const input = parseInput(refundPaymentSchema, req.body, 'body');
      res.json(await refundPayment(scopeOf(req), deps.payments, parseId(req.params.id, 'Payment'), input));
    });
    r.get('/:id/receipt.pdf', async (req, res) => {
      sendPdf(res, await renderReceipt(ctxOf(req).em, parseId(req.params.id, 'Payment')));
    });
    return r;
  },
  document: (registry) => {
    const tags = ['Payments'];
    registry.registerPath({ method: 'get', path: '/api/payments', tags, security, summary: 'Payments, newest first', request: { query: paymentListQuery }, responses: { 200: { description: 'Payments', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/payments', tags, security, summary: 'Take a payment (manual/cash provider built in); Idempotency-Key honoured', request: { body: { required: true, ...json(recordPaymentSchema) } }, responses: { 201: { description: 'Recorded', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'get', path: '/api/payments/balance/{customerId}', tags, security, summary: 'What a customer owes, line by line', request: { params: z.object({ customerId: z.uuid() }) }, responses: { 200: { description: 'Balance', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/payments/{id}/settle', tags, security, summary: 'Settle an outstanding charge', request: { params: idParams, body: { required: true, ...json(settlePaymentSchema) } }, responses: { 200: { description: 'Paid', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'post', path: '/api/payments/{id}/refund', tags, security, summary: 'Refund in full or in part (owner/admin)', request: { params: idParams, body: { required: false, ...json(refundPaymentSchema) } }, responses: { 200: { description: 'Refunded', ...anyJson }, ...commonErrors } });
    registry.registerPath({ method: 'get', path: '/api/payments/{id}/receipt.pdf', tags, security, summary: 'Receipt (PDF)', request: { params: idParams }, responses: { 200: { description: 'PDF', ...pdf }, ...commonErrors } });
    registry.registerPath({ method: 'get', path: '/api/payments/invoices/{appointmentId}.pdf', tags, security, summary: 'Invoice of an appointment (PDF)', request: { params: z.object({ appointmentId: z.uuid() }) }, responses: { 200: { description: 'PDF', ...pdf }, ...commonErrors } });
  },
};
