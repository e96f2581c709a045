import Handlebars from 'handlebars';
import { hasContextPath, readContextPath } from '../../workflows/dsl/context';
import { extractTemplatePaths } from '../../workflows/dsl/template-refs';
import { smsSegments, type SmsSegmentInfo } from './sms-segments';
import { HELPERS, type RenderEnvironment } from './template-helpers';

export { smsSegments, type SmsSegmentInfo } from './sms-segments';
export { contextLink, formatMoney, type LinkKind, type RenderEnvironment } from './template-helpers';

/** Helper names templates may use, beyond Handlebars' own block helpers. */
export const TEMPLATE_HELPERS: readonly string[] = Object.keys(HELPERS);
const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing'];
const KNOWN_HELPERS = new Set([...TEMPLATE_HELPERS, ...BUILTIN_HELPERS]);

const handlebars = Handlebars.create();
handlebars.registerHelper(HELPERS);

export interface TemplateText {
  channel: 'sms' | 'whatsapp' | 'email';
  subject?: string | null;
  body: string;
}

export interface RenderedMessage {
  subject?: string;
  body: string;
  /** For sms and whatsapp: encoding, length and parts. */
  sms?: SmsSegmentInfo;
}

export interface RenderOptions {
  /** PUBLIC_URL; links are built from it when the context carries none. */
  publicUrl?: string;
  /** Node variables: literals, or Handlebars text rendered against the context. Seen as vars.<name>. */
  variables?: Record<string, unknown>;
  /** Defaults when the context has no customer/tenant zone, locale or currency. */
  fallbackZone?: string;
}

export class TemplateRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateRenderError';
  }
}

/** The zone, locale and currency a recipient sees: the customer's, else the tenant's. */
export function renderEnvironment(context: unknown, opts: Pick<RenderOptions, 'publicUrl' | 'fallbackZone'> = {}): RenderEnvironment {
  const str = (path: string): string | undefined => {
    const value = readContextPath(context, path);
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  return {
    zone: str('customer.timezone') ?? str('tenant.timezone') ?? opts.fallbackZone ?? 'UTC',
    locale: str('customer.locale') ?? 'en-US',
    currency: str('tenant.currency') ?? 'USD',
    publicUrl: (opts.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, ''),
  };
}

function renderText(text: string, data: unknown, env: RenderEnvironment): string {
  try {
    return handlebars.compile(text, { noEscape: true, strict: false, knownHelpers: {} })(data, { data: { env } });
  } catch (err) {
    throw new TemplateRenderError(`template could not be rendered: ${(err as Error).message}`);
  }
}

/**
 * Renders a MessageTemplate against a run context. Output is plain text (SMS, WhatsApp and the
 * text part of an email), so nothing is HTML-escaped here; the email HTML part escapes it.
 */
export function renderTemplate(template: TemplateText, context: Record<string, unknown>, opts: RenderOptions = {}): RenderedMessage {
  const env = renderEnvironment(context, opts);
  const baseVars = (context.vars && typeof context.vars === 'object' ? context.vars : {}) as Record<string, unknown>;
  const nodeVars: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(opts.variables ?? {})) {
    nodeVars[name] = typeof value === 'string' && value.includes('{{') ? renderText(value, context, env) : value;
  }
  const data = { ...context, vars: { ...baseVars, ...nodeVars } };
  const body = renderText(template.body, data, env).trim();
  const subject = template.subject ? renderText(template.subject, data, env).replace(/\s+/g, ' ').trim() : undefined;
  return {
    ...(subject !== undefined ? { subject } : {}),
    body,
    ...(template.channel === 'email' ? {} : { sms: smsSegments(body) }),
  };
}

export interface TemplateProblem {
  field: 'subject' | 'body';
  code: 'SYNTAX' | 'UNKNOWN_VARIABLE' | 'UNKNOWN_HELPER' | 'REQUIRED';
  message: string;
}

interface AstNode {
  type?: string;
  path?: { type?: string; original?: unknown; head?: unknown };
  params?: AstNode[];
  hash?: { pairs?: Array<{ value: AstNode }> };
  body?: AstNode[];
  program?: AstNode;
  inverse?: AstNode;
}

function helperCalls(node: AstNode | undefined, out: Set<string>): Set<string> {
  if (!node || typeof node !== 'object') return out;
  const hasArgs = (node.params?.length ?? 0) > 0 || (node.hash?.pairs?.length ?? 0) > 0;
  const isCall = node.type === 'SubExpression' || node.type === 'BlockStatement' || (node.type === 'MustacheStatement' && hasArgs);
  if (isCall && node.path?.type === 'PathExpression' && typeof node.path.original === 'string') out.add(node.path.original);
  node.params?.forEach((p) => helperCalls(p, out));
  node.hash?.pairs?.forEach((pair) => helperCalls(pair.value, out));
  node.body?.forEach((child) => helperCalls(child, out));
  helperCalls(node.program, out);
  helperCalls(node.inverse, out);
  return out;
}

/**
 * What is wrong with a template before it is saved: syntax, helpers that do not exist and
 * variables the run context never has (`vars.*` are accepted: nodes set them).
 */
export function inspectTemplate(template: TemplateText): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  if (template.body.trim() === '') problems.push({ field: 'body', code: 'REQUIRED', message: 'The message is empty' });
  if (template.channel === 'email' && !template.subject?.trim()) {
    problems.push({ field: 'subject', code: 'REQUIRED', message: 'An email needs a subject' });
  }
  const helperSet = new Set(KNOWN_HELPERS);
  for (const field of ['subject', 'body'] as const) {
    const text = template[field];
    if (!text) continue;
    let ast: AstNode;
    try {
      ast = handlebars.parse(text) as unknown as AstNode;
    } catch (err) {
      problems.push({ field, code: 'SYNTAX', message: (err as Error).message.split('\n')[0] ?? 'Invalid template' });
      continue;
    }
    for (const name of helperCalls(ast, new Set())) {
      if (!helperSet.has(name)) problems.push({ field, code: 'UNKNOWN_HELPER', message: `"${name}" is not a template helper` });
    }
    for (const path of extractTemplatePaths(text, helperSet)) {
      if (!hasContextPath(path)) problems.push({ field, code: 'UNKNOWN_VARIABLE', message: `"${path}" is not in the run context` });
    }
  }
  return problems;
}
