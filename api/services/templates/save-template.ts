import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { MessageTemplate } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError, notFound } from '../../errors';
import type { TemplateInput } from '../../routes/templates.schema';
import { createInTenant } from '../tenant-scope';
import { assertTemplateValid } from './inspect-or-throw';
import { presentTemplate, type TemplateBody } from './present-template';
import { templateUses } from './template-usage';

function keyTaken(key: string): AppError {
  return new AppError('CONFLICT', `A template with the key "${key}" already exists`, [{ path: 'key', message: 'is taken' }]);
}

async function flushUnique(ctx: RequestContext, key: string): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw keyTaken(key);
    throw err;
  }
}

export async function findTemplateOrThrow(ctx: Pick<RequestContext, 'em'>, id: string): Promise<MessageTemplate> {
  const template = await ctx.em.findOne(MessageTemplate, { id });
  if (!template) throw notFound('Template', id);
  return template;
}

/** An approved WhatsApp template belongs to a WhatsApp text only. */
function assertContentSidFits(channel: TemplateInput['channel'], contentSid: string | null | undefined): void {
  if (contentSid && channel !== 'whatsapp') {
    throw new AppError('VALIDATION_FAILED', 'Only a WhatsApp template has an approved Content SID', [
      { path: 'whatsappContentSid', message: `is for WhatsApp templates; this one is ${channel}` },
    ]);
  }
}

/** Creates a template once it is known to render: every variable and helper must exist. */
export async function createTemplate(ctx: RequestContext, input: TemplateInput): Promise<TemplateBody> {
  assertTemplateValid(input);
  assertContentSidFits(input.channel, input.whatsappContentSid);
  const template = createInTenant(ctx, MessageTemplate, {
    key: input.key,
    name: input.name,
    channel: input.channel,
    subject: input.subject ?? undefined,
    body: input.body,
    whatsappContentSid: input.whatsappContentSid ?? undefined,
  });
  await flushUnique(ctx, input.key);
  ctx.logger.info({ templateId: template.id, key: template.key }, 'template created');
  return presentTemplate(template);
}

/**
 * Changes a template. Automations reference templates by key, so the key, and whether it is an
 * email or a text template, cannot change while an automation uses it.
 */
export async function updateTemplate(ctx: RequestContext, id: string, input: Partial<TemplateInput>): Promise<TemplateBody> {
  const template = await findTemplateOrThrow(ctx, id);
  const next = {
    key: input.key ?? template.key,
    channel: input.channel ?? template.channel,
    subject: input.subject === undefined ? template.subject : input.subject ?? undefined,
    body: input.body ?? template.body,
  };
  assertTemplateValid(next);
  const contentSid = input.whatsappContentSid === undefined ? template.whatsappContentSid : input.whatsappContentSid ?? undefined;
  assertContentSidFits(next.channel, contentSid);
  const keyChanges = next.key !== template.key;
  const familyChanges = (next.channel === 'email') !== (template.channel === 'email');
  if (keyChanges || familyChanges) {
    const uses = await templateUses(ctx, template.key);
    if (uses.length > 0) {
      const what = keyChanges ? 'key' : 'channel';
      throw new AppError(
        'TEMPLATE_IN_USE',
        `The ${what} of "${template.key}" cannot change while ${uses.map((u) => `"${u.automationName}" (${u.where})`).join(', ')} use it`,
        uses.map((u) => ({ path: what, message: `used by ${u.automationName} (${u.where})` })),
      );
    }
  }
  ctx.em.assign(template, { ...next, name: input.name ?? template.name, subject: next.subject ?? null, whatsappContentSid: contentSid ?? null });
  await flushUnique(ctx, next.key);
  return presentTemplate(template);
}

/** Deletes a template no automation uses. */
export async function deleteTemplate(ctx: RequestContext, id: string): Promise<void> {
  const template = await findTemplateOrThrow(ctx, id);
  const uses = await templateUses(ctx, template.key);
  if (uses.length > 0) {
    throw new AppError(
      'TEMPLATE_IN_USE',
      `"${template.key}" is used by ${uses.map((u) => `"${u.automationName}" (${u.where})`).join(', ')}; change those automations first`,
      uses.map((u) => ({ path: 'key', message: `used by ${u.automationName} (${u.where})` })),
    );
  }
  ctx.em.remove(template);
  await ctx.em.flush();
  ctx.logger.info({ templateId: id, key: template.key }, 'template deleted');
}
