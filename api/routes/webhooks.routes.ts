import express, { type Request, type Response, Router } from 'express';
import { publicUrlOf } from '../../activities/messaging/providers';
import { handleInboundSms, handleStatusCallback, type StatusCallback, verifyTwilioSignature } from '../../activities/messaging/twilio-webhooks';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { applySmsReply } from '../services/webhooks/apply-sms-reply';

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);

function twiml(res: Response, message?: string): void {
  res.type('text/xml').send(`<?xml version="1.0" encoding="UTF-8"?><Response>${message ? `<Message>${escapeXml(message)}</Message>` : ''}</Response>`);
}

const field = (form: Record<string, unknown>, name: string): string => (typeof form[name] === 'string' ? (form[name] as string) : '');

/**
 * Twilio's webhooks: form-encoded, authenticated by X-Twilio-Signature over PUBLIC_URL + the path
 * Twilio called, never by a bearer token. A missing or wrong signature gets 403 and changes nothing.
 */
export function twilioWebhooksRouter(deps: ApiDeps): Router {
  const r = Router();
  r.use(express.urlencoded({ extended: false, limit: '64kb' }));

  const verified = (req: Request): Record<string, unknown> => {
    const authToken = deps.config.TWILIO_AUTH_TOKEN;
    if (!authToken) throw new AppError('FORBIDDEN', 'Twilio webhooks are refused: TWILIO_AUTH_TOKEN is not configured, so no signature can be checked');
    const form = (req.body ?? {}) as Record<string, unknown>;
    const url = `${publicUrlOf(deps.config)}${req.originalUrl}`;
    if (!verifyTwilioSignature({ authToken, url, params: form, signature: req.get('X-Twilio-Signature') })) {
      req.log.warn({ url }, 'Twilio webhook with a missing or invalid signature refused');
      throw new AppError('FORBIDDEN', 'Missing or invalid X-Twilio-Signature');
    }
    return form;
  };

  r.post('/inbound', async (req, res) => {
    const form = verified(req);
    const from = field(form, 'From');
    const body = field(form, 'Body');
    const messageSid = field(form, 'MessageSid');
    const inbound = await handleInboundSms(deps.orm.em.fork(), { from, to: field(form, 'To'), body, ...(messageSid ? { messageSid } : {}) });
    const outcome = await applySmsReply({
      orm: deps.orm,
      temporal: deps.temporal,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      logger: req.log,
      requestId: String(req.id),
      inbound,
      from,
      body,
    });
    req.log.info({ tenantId: inbound.tenantId, intent: inbound.intent, duplicate: inbound.duplicate, change: outcome.change, signalled: outcome.signalled.length }, 'inbound SMS handled');
    twiml(res, outcome.reply);
  });

  r.post('/status', async (req, res) => {
    const form = verified(req);
    const result = await handleStatusCallback(deps.orm.em.fork(), form as unknown as StatusCallback);
    req.log.info({ messageSid: field(form, 'MessageSid'), status: field(form, 'MessageStatus'), updated: result.updated }, 'Twilio status callback');
    twiml(res);
  });

  return r;
}
