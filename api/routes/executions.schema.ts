import { runStatuses } from '../../db/entities';
import { z } from '../zod';
import { isoDateTime, listQueryShape, timestamp } from './common.schema';

const { limit, cursor } = listQueryShape;

export const executionListQuery = z
  .strictObject({
    limit,
    cursor,
    automationId: z.uuid().optional(),
    status: z.enum(runStatuses).optional(),
    customerId: z.uuid().optional(),
    appointmentId: z.uuid().optional(),
    from: isoDateTime().optional().openapi({ description: 'Started at or after' }),
    to: isoDateTime().optional().openapi({ description: 'Started before' }),
  })
  .openapi('ExecutionListQuery');

export const executionSchema = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    automationId: z.uuid(),
    automationName: z.string().nullable(),
    version: z.number().int(),
    automationVersionId: z.uuid(),
    status: z.enum(runStatuses),
    triggerEvent: z.string(),
    currentNodeId: z.string().nullable(),
    nextWakeAt: timestamp().nullable(),
    path: z.array(z.string()),
    startedAt: timestamp(),
    endedAt: timestamp().nullable(),
    appointmentId: z.uuid().nullable(),
    customerId: z.uuid().nullable(),
    endReason: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('Execution');

export const executionDetailSchema = executionSchema
  .extend({
    definition: z.record(z.string(), z.unknown()).nullable(),
    steps: z.array(
      z.object({
        sequence: z.number().int(),
        nodeId: z.string(),
        nodeType: z.string(),
        status: z.string(),
        exit: z.string().nullable(),
        input: z.record(z.string(), z.unknown()).nullable(),
        output: z.record(z.string(), z.unknown()).nullable(),
        error: z.string().nullable(),
        startedAt: timestamp(),
        endedAt: timestamp().nullable(),
      }),
    ),
    messages: z.array(
      z.object({
        id: z.uuid(),
        channel: z.string(),
        to: z.string(),
        subject: z.string().nullable(),
        body: z.string(),
        status: z.string(),
        errorCode: z.string().nullable(),
        createdAt: timestamp(),
        sentAt: timestamp().nullable(),
        nodeId: z.string().nullable(),
      }),
    ),
    live: z.record(z.string(), z.unknown()).optional().openapi({ description: 'The automationRun query while the run is in flight' }),
    liveError: z.string().optional(),
  })
  .openapi('ExecutionDetail');

export const executionCommandSchema = z
  .object({ id: z.uuid(), workflowId: z.string(), requested: z.enum(['cancel', 'retry']) })
  .openapi('ExecutionCommand');

export type ExecutionListQuery = z.output<typeof executionListQuery>;
