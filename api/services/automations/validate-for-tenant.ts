import { TEMPLATE_HELPERS } from '../../../activities/messaging/render';
import { MessageTemplate } from '../../../db/entities';
import { type ValidationProblem, type ValidationResult, validateDefinition } from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';

const CHANNEL_OF_NODE: Record<string, 'sms' | 'whatsapp' | 'email'> = { sendSms: 'sms', sendWhatsApp: 'whatsapp', sendEmail: 'email' };

export interface TenantTemplate {
  key: string;
  name: string;
  channel: 'sms' | 'whatsapp' | 'email';
}

export async function tenantTemplates(ctx: Pick<RequestContext, 'em'>): Promise<TenantTemplate[]> {
  const rows = await ctx.em.find(MessageTemplate, {}, { fields: ['key', 'name', 'channel'], orderBy: { key: 'asc' } });
  return rows.map((row) => ({ key: row.key, name: row.name, channel: row.channel }));
}

/**
 * validateDefinition against this business: its template keys and the messaging helpers, plus a
 * check the DSL cannot make on its own: an email node needs an email template and an SMS or
 * WhatsApp node a text one (the send would fail with TemplateChannelMismatch at run time).
 */
export async function validateForTenant(ctx: Pick<RequestContext, 'em'>, definition: unknown): Promise<ValidationResult> {
  const templates = await tenantTemplates(ctx);
  const result = validateDefinition(definition, { templateIds: templates.map((t) => t.key), templateHelpers: [...TEMPLATE_HELPERS] });
  const byKey = new Map(templates.map((t) => [t.key, t]));
  const extra: ValidationProblem[] = [];
  const nodes = Array.isArray((definition as { nodes?: unknown })?.nodes) ? ((definition as { nodes: unknown[] }).nodes) : [];
  nodes.forEach((raw, index) => {
    const node = raw as { id?: unknown; type?: unknown; data?: { templateId?: unknown } };
    const wanted = typeof node.type === 'string' ? CHANNEL_OF_NODE[node.type] : undefined;
    const template = typeof node.data?.templateId === 'string' ? byKey.get(node.data.templateId) : undefined;
    if (!wanted || !template || typeof node.id !== 'string') return;
    if ((template.channel === 'email') !== (wanted === 'email')) {
      extra.push({
        code: 'TEMPLATE_CHANNEL_MISMATCH',
        message: `Template "${template.key}" is an ${template.channel} template; a ${String(node.type)} node needs ${wanted === 'email' ? 'an email' : 'an SMS or WhatsApp'} template`,
        nodeId: node.id,
        path: `nodes.${index}.data.templateId`,
      });
    }
  });
  const problems = [...result.problems, ...extra];
  return { ...result, ok: problems.length === 0, problems };
}

/** 422 INVALID_AUTOMATION with every problem as a detail, each naming its node or edge. */
export function invalidAutomation(problems: readonly ValidationProblem[], what = 'The automation'): AppError {
  const ids = [...new Set(problems.flatMap((p) => [p.nodeId, p.edgeId]).filter((id): id is string => Boolean(id)))];
  const where = ids.length > 0 ? ` (at ${ids.join(', ')})` : '';
  return new AppError(
    'INVALID_AUTOMATION',
    `${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}${where}: ${problems.map((p) => p.message).slice(0, 5).join('; ')}`,
    problems.map((p) => ({
      path: p.path ?? '',
      message: p.message,
      code: p.code,
      ...(p.nodeId ? { nodeId: p.nodeId } : {}),
      ...(p.edgeId ? { edgeId: p.edgeId } : {}),
    })),
  );
}
