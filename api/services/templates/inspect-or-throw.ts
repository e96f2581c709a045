import { inspectTemplate, type TemplateText } from '../../../activities/messaging/render';
import { AppError } from '../../errors';

/** Refuses a template the run context cannot fill: unknown variables or helpers, bad syntax, missing subject. */
export function assertTemplateValid(template: TemplateText): void {
  const problems = inspectTemplate(template);
  if (problems.length === 0) return;
  throw new AppError(
    'INVALID_TEMPLATE',
    `The template cannot be saved: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    problems.map((p) => ({ path: p.field, message: p.message, code: p.code })),
  );
}
