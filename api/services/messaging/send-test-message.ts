import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { insertRow, markAttemptFailed, markSent } from '../../../activities/messaging/outbox-store';
import { type MessagingConfig, ProviderError, type Providers, publicUrlOf } from '../../../activities/messaging/providers';
import { renderTemplate } from '../../../activities/messaging/render';
import { toE164 } from '../../../activities/messaging/recipient';
import { Message, MessageTemplate, Tenant } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError, notFound } from '../../errors';
import type { TestMessageInput } from '../../routes/messages.schema';
import { sampleContext } from '../run-context/sample-context';
import { presentMessage, type MessageBody } from './present-message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function textToSend(ctx: RequestContext, input: TestMessageInput, config: Partial<MessagingConfig>): Promise<{ subject?: string; body: string }> {
  if (input.body !== undefined) return { body: input.body, ...(input.subject ? { subject: input.subject } : {}) };
  const id = input.templateId as string;
  const template = await ctx.em.findOne(MessageTemplate, UUID.test(id) ? { id } : { key: id });
  if (!template) throw notFound('Template', id);
  if ((template.channel === 'email') !== (input.channel === 'email')) {
    throw new AppError('VALIDATION_FAILED', `Template "${template.key}" is for ${template.channel}, not ${input.channel}`, [
      { path: 'templateId', message: `is a ${template.channel} template` },
    ]);
  }
  const context = await sampleContext(ctx, { at: new Date(), triggerEvent: 'manual' });
  const rendered = renderTemplate(template, context, { publicUrl: publicUrlOf(config) });
  return { body: rendered.body, ...(rendered.subject ? { subject: input.subject ?? rendered.subject } : {}) };
}

/**
 * Sends one message straight through the configured provider to an address the owner types, to
 * check the setup. It is logged like any other message (provider id, status, error) but belongs
 * to no customer, so consent rules do not apply: nobody else receives it.
 */
export async function sendTestMessage(options: {
  ctx: RequestContext;
  orm: MikroORM;
  providers: Providers;
  config: Partial<MessagingConfig>;
  input: TestMessageInput;
}): Promise<MessageBody> {
  const { ctx, input, providers } = options;
  const to = input.channel === 'email' ? input.to.trim() : toE164(input.to);
  if (!to) throw new AppError('VALIDATION_FAILED', `${input.to} is not a valid phone number`, [{ path: 'to', message: 'is not a valid phone number' }]);
  const text = await textToSend(ctx, input, options.config);
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const provider = providers[input.channel];
  const key = `test:${randomUUID()}`;

  const em = options.orm.em.fork();
  em.setFilterParams('tenant', { tenantId: ctx.tenantId });
  const messageId = await insertRow(
    em,
    { tenantId: ctx.tenantId, channel: input.channel, to, body: text.body, provider: provider.name, idempotencyKey: key, ...(text.subject ? { subject: text.subject } : {}) },
    'sending',
  );
  if (!messageId) throw new Error('a fresh idempotency key collided');
  try {
    const result =
      input.channel === 'email'
        ? await providers.email.send({
            to,
            fromName: tenant.name,
            subject: text.subject ?? `Test message from ${tenant.name}`,
            text: text.body,
            messageIdHeader: `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@${new URL(publicUrlOf(options.config)).hostname}>`,
            messageId,
          })
        : await providers[input.channel].send({ channel: input.channel, to, body: text.body, messageId });
    await markSent(em, messageId, result, new Date());
  } catch (err) {
    const pe = err instanceof ProviderError ? err : new ProviderError((err as Error).message, { code: 'UNKNOWN', permanent: false, notSent: false });
    await markAttemptFailed(em, messageId, 'failed', { code: pe.code, message: pe.message }, new Date());
    ctx.logger.warn({ messageId, errorCode: pe.code, provider: provider.name }, 'test message failed');
    throw new AppError('PROVIDER_ERROR', `${provider.name} refused the test message: ${pe.message}`, [{ path: 'to', message: pe.message, code: pe.code }]);
  }
  ctx.logger.info({ messageId, provider: provider.name, channel: input.channel }, 'test message sent');
  const row = await em.findOneOrFail(Message, { id: messageId }, { disableIdentityMap: true });
  return presentMessage(row);
}
