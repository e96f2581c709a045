/**
 * Context paths referenced by Handlebars text ("Hi {{customer.firstName}}",
 * "{{formatDate appointment.startsAt}}"). Helper names are skipped; paths inside #each/#with
 * blocks are relative to the block and are not reported.
 */
const MUSTACHE = /\{\{\{?~?\s*([^}]*?)\s*~?\}?\}\}/g;
const TOKEN = /"[^"]*"|'[^']*'|\S+/g;
const BLOCKS_WITH_SCOPE = new Set(['each', 'with']);

export function extractTemplatePaths(text: string, helpers: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  let scopedDepth = 0;
  const scopes: boolean[] = [];
  for (const match of String(text).matchAll(MUSTACHE)) {
    const body = (match[1] ?? '').trim();
    if (body === '' || body.startsWith('!')) continue;
    if (body.startsWith('/')) {
      if (scopes.pop()) scopedDepth -= 1;
      continue;
    }
    if (body === 'else' || body.startsWith('else ') || body.startsWith('>')) continue;
    const isBlock = body.startsWith('#') || body.startsWith('^');
    const tokens = (isBlock ? body.slice(1) : body).match(TOKEN) ?? [];
    if (tokens.length === 0) continue;
    const head = tokens[0] as string;
    const args = tokens.slice(1);
    const candidates = tokens.length === 1 && !isBlock ? [head] : args;
    if (isBlock) {
      const opensScope = BLOCKS_WITH_SCOPE.has(head);
      scopes.push(opensScope);
      if (scopedDepth === 0) candidates.forEach((token) => addPath(token, helpers, found));
      if (opensScope) scopedDepth += 1;
      continue;
    }
    if (scopedDepth > 0) continue;
    candidates.forEach((token) => addPath(token, helpers, found));
  }
  return [...found];
}

function addPath(token: string, helpers: ReadonlySet<string>, found: Set<string>): void {
  const value = token.includes('=') ? token.slice(token.indexOf('=') + 1) : token;
  if (/^["']/.test(value) || /^-?\d/.test(value) || ['true', 'false', 'null', 'undefined', 'this', 'else'].includes(value)) return;
  if (value.startsWith('@') || value.startsWith('../') || value.startsWith('this.') || value.startsWith('(')) return;
  if (!value.includes('.') && helpers.has(value)) return;
  if (!/^[A-Za-z_][\w]*(\.[\w]+|\.\[\d+\])*$/.test(value)) return;
  found.add(value.replace(/\.\[(\d+)\]/g, '.$1'));
}

/** Every string inside a JSON value (template variables, webhook bodies). */
export function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, out));
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => collectStrings(item, out));
  return out;
}
