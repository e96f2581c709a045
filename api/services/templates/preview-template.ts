import type { MikroORM } from '@mikro-orm/postgresql';
import { inspectTemplate, renderTemplate, TemplateRenderError, type TemplateProblem } from '../../../activities/messaging/render';
import { publicUrlOf } from '../../../activities/messaging/providers';
import type { SmsSegmentInfo } from '../../../activities/messaging/sms-segments';
import type { AppConfig } from '../../../runtime/config';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import type { PreviewInput } from '../../routes/templates.schema';
import { resolveRunContext } from '../run-context/resolve-context';

export interface PreviewBody {
  subject?: string;
  body: string;
  /** SMS and WhatsApp: encoding, length (characters) and parts. */
  sms?: SmsSegmentInfo & { length: number };
  /** What saving this text would refuse (unknown variables render empty here). */
  problems: TemplateProblem[];
  context: { source: 'appointment' | 'sample' | 'given'; appointmentId?: string };
}

/** Renders unsaved template text against a real appointment, a given context or the sample, with SMS length and parts. */
export async function previewTemplate(options: {
  ctx: RequestContext;
  orm: MikroORM;
  config: Pick<AppConfig, 'PUBLIC_URL' | 'PORT'>;
  input: PreviewInput;
}): Promise<PreviewBody> {
  const { ctx, input } = options;
  const text = { channel: input.channel, subject: input.subject ?? null, body: input.body };
  const problems = inspectTemplate(text);
  const syntax = problems.filter((p) => p.code === 'SYNTAX');
  if (syntax.length > 0) {
    throw new AppError('INVALID_TEMPLATE', `The template does not parse: ${syntax.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      syntax.map((p) => ({ path: p.field, message: p.message, code: p.code })));
  }
  const resolved = await resolveRunContext(ctx, options.orm, {
    ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
    ...(input.context ? { context: input.context } : {}),
    triggerEvent: 'appointment.booked',
    at: new Date(),
  });
  try {
    const rendered = renderTemplate(text, resolved.context, { publicUrl: publicUrlOf(options.config) });
    return {
      ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}),
      body: rendered.body,
      ...(rendered.sms ? { sms: { ...rendered.sms, length: rendered.sms.characters } } : {}),
      problems,
      context: { source: resolved.source, ...(resolved.appointmentId ? { appointmentId: resolved.appointmentId } : {}) },
    };
  } catch (err) {
    if (err instanceof TemplateRenderError) throw new AppError('INVALID_TEMPLATE', err.message, [{ path: 'body', message: err.message }]);
    throw err;
  }
}
