import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errorSchema, idParams, pageOf } from '../routes/common.schema';

export interface CrudDocs {
  path: string;
  tag: string;
  label: string;
  record: z.ZodObject;
  create: z.ZodObject;
  update: z.ZodObject;
  listQuery: z.ZodObject;
  writeRoles: readonly string[];
}

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(errorSchema) });

export const commonErrors = {
  400: error('Invalid input; `details` names each bad field'),
  401: error('Missing or invalid bearer token'),
};

/** Registers list/get/create/update/delete for one resource. */
export function describeCrud(registry: OpenAPIRegistry, docs: CrudDocs): void {
  const security = [{ bearerAuth: [] }];
  const writeNote = `Allowed for: ${docs.writeRoles.join(', ')}.`;
  const page = pageOf(docs.record, `${docs.tag}Page`);
  const itemPath = `${docs.path}/{id}`;
  registry.registerPath({
    method: 'get', path: docs.path, tags: [docs.tag], security, summary: `List ${docs.label}s`,
    request: { query: docs.listQuery },
    responses: { 200: { description: `A page of ${docs.label}s`, ...json(page) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'post', path: docs.path, tags: [docs.tag], security, summary: `Create a ${docs.label}`, description: writeNote,
    request: { body: { required: true, ...json(docs.create) } },
    responses: { 201: { description: 'Created', ...json(docs.record) }, ...commonErrors, 403: error('Role not allowed') },
  });
  registry.registerPath({
    method: 'get', path: itemPath, tags: [docs.tag], security, summary: `Get a ${docs.label}`,
    request: { params: idParams },
    responses: { 200: { description: `The ${docs.label}`, ...json(docs.record) }, ...commonErrors, 404: error('Not found') },
  });
  registry.registerPath({
    method: 'patch', path: itemPath, tags: [docs.tag], security, summary: `Update a ${docs.label}`, description: writeNote,
    request: { params: idParams, body: { required: true, ...json(docs.update) } },
    responses: {
      200: { description: 'Updated', ...json(docs.record) }, ...commonErrors, 403: error('Role not allowed'), 404: error('Not found'),
    },
  });
  registry.registerPath({
    method: 'delete', path: itemPath, tags: [docs.tag], security, summary: `Delete a ${docs.label}`, description: writeNote,
    request: { params: idParams },
    responses: { 204: { description: 'Deleted (or deactivated)' }, ...commonErrors, 403: error('Role not allowed'), 404: error('Not found') },
  });
}
