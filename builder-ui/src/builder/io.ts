import { automationDefinitionSchema, type AutomationDefinition } from '../automation/dsl';

/** The definition as a downloadable JSON file. */
export function exportDefinition(doc: AutomationDefinition): void {
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${doc.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'automation'}.automation.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type ImportResult = { ok: true; definition: AutomationDefinition; warnings: number } | { ok: false; message: string };

/**
 * Reads an exported definition. A file with the right shape but problems inside is still
 * imported (the problems show on the canvas); anything else is refused.
 */
export function parseImport(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'That file is not JSON.' };
  }
  const strict = automationDefinitionSchema.safeParse(parsed);
  if (strict.success) return { ok: true, definition: parsed as AutomationDefinition, warnings: 0 };
  const loose = parsed as Partial<AutomationDefinition> | null;
  if (
    loose &&
    typeof loose === 'object' &&
    loose.schemaVersion === 1 &&
    Array.isArray(loose.nodes) &&
    Array.isArray(loose.edges) &&
    typeof loose.trigger === 'object' &&
    loose.nodes.every((n) => n && typeof n.id === 'string' && typeof n.type === 'string' && typeof n.position === 'object')
  ) {
    return { ok: true, definition: { ...loose, name: loose.name || 'Imported automation' } as AutomationDefinition, warnings: strict.error.issues.length };
  }
  return { ok: false, message: 'That file is not an automation definition (schemaVersion 1 with trigger, nodes and edges).' };
}
