import { ApiError } from '../api/errors';
import type { TemplateProblem } from '../api/message-templates';

/** Form fields a template error can point at. */
export type TemplateField = 'key' | 'name' | 'channel' | 'subject' | 'body' | 'whatsappContentSid';
export type FieldProblems = Partial<Record<TemplateField, string>>;

const FIELDS = new Set<string>(['key', 'name', 'channel', 'subject', 'body', 'whatsappContentSid']);

function add(out: FieldProblems, field: string, message: string): void {
  if (!FIELDS.has(field)) return;
  const f = field as TemplateField;
  out[f] = out[f] ? `${out[f]}; ${message}` : message;
}

/**
 * Every problem a save answer names, per field: 422 INVALID_TEMPLATE lists each unknown variable
 * or helper, 400 lists each invalid field, 409 names the key that is taken or the automations
 * that use the template. All of them are kept (joined), not only the first.
 */
export function saveProblems(error: unknown): FieldProblems {
  const out: FieldProblems = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const item of error.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof item?.message !== 'string') continue;
    const path = Array.isArray(item.path) ? item.path.map(String).join('.') : typeof item.path === 'string' ? item.path : '';
    add(out, path, item.message);
  }
  return out;
}

/** What the live preview says saving would refuse, per field. */
export function previewProblems(problems: TemplateProblem[] | undefined): FieldProblems {
  const out: FieldProblems = {};
  for (const p of problems ?? []) add(out, p.field, p.message);
  return out;
}

/** Whether any save problem is left for a field other than those the form shows inline. */
export function hasUnplacedProblems(error: unknown): boolean {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return false;
  return (error.details as Array<{ path?: unknown }>).some((d) => typeof d?.path !== 'string' || !FIELDS.has(d.path));
}
