import { z } from 'zod';
import { TEMPLATE_HELPERS } from '../../../activities/messaging/render';
import { CONTEXT_PATHS, NODE_SPECS, NODE_TYPES, RUN_EVENTS, TRIGGER_EVENTS } from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import { tenantTemplates } from './validate-for-tenant';

function dataSchemaOf(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  } catch {
    return {};
  }
}

/** Node types as the builder's palette needs them: title, category, exits and the data's JSON Schema. */
const NODE_TYPE_INFO = NODE_TYPES.map((type) => {
  const spec = NODE_SPECS[type];
  let exits: unknown[] = [];
  try {
    exits = spec.exits({} as never);
  } catch {
    exits = [];
  }
  return { type, title: spec.title, category: spec.category, isAction: spec.isAction, exits, dataSchema: dataSchemaOf(spec.data as z.ZodType) };
});

/** What the builder offers for autocomplete and validation: context paths, events, node types, templates. */
export async function contextSchema(ctx: Pick<RequestContext, 'em'>) {
  return {
    paths: CONTEXT_PATHS.map((entry) => ({ ...entry })),
    triggerEvents: [...TRIGGER_EVENTS],
    runEvents: [...RUN_EVENTS],
    nodeTypes: NODE_TYPE_INFO,
    templateHelpers: [...TEMPLATE_HELPERS],
    templates: await tenantTemplates(ctx),
  };
}
