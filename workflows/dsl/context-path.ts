/**
 * Reads a dotted path ("appointment.startsAt", "pets.0.name") from a context; undefined when absent.
 * In a file of its own, free of zod, so the workflow sandbox can import it (see action-types.ts).
 */
export function readContextPath(context: unknown, path: string): unknown {
  let current: unknown = context;
  for (const seg of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    if (seg === '__proto__' || seg === 'constructor' || seg === 'prototype') return undefined;
    current = Object.prototype.hasOwnProperty.call(current, seg) ? (current as Record<string, unknown>)[seg] : undefined;
  }
  return current;
}
