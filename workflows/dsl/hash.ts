/**
 * Deterministic hashing for sticky splits: the same (customer, automation, split node) always lands
 * in the same variant, on every replay, worker and machine. No Math.random.
 */
function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return bytes;
}

/** 32-bit FNV-1a over the UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8Bytes(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finalizer: spreads FNV's weak high bits so near-identical seeds fall far apart. */
function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A number in [0, 1) fixed by the seed. */
export function hashToUnit(seed: string): number {
  return mix32(fnv1a32(seed)) / 0x1_0000_0000;
}

export interface WeightedVariant {
  id: string;
  weight: number;
}

/** Picks a variant in proportion to the weights, deterministically from the seed. */
export function chooseVariant<V extends WeightedVariant>(variants: readonly V[], seed: string): V {
  const first = variants[0];
  const last = variants[variants.length - 1];
  if (first === undefined || last === undefined) throw new Error('chooseVariant needs at least one variant');
  const total = variants.reduce((sum, variant) => sum + Math.max(0, variant.weight), 0);
  if (!(total > 0)) return first;
  let point = hashToUnit(seed) * total;
  for (const variant of variants) {
    point -= Math.max(0, variant.weight);
    if (point < 0) return variant;
  }
  return last;
}

/**
 * The split seed: sticky per customer and automation (so a customer sees the same variant in every
 * run and version); the split node id keeps two splits in one automation independent.
 */
export function splitSeed(parts: { customerId: string; automationId: string; nodeId: string }): string {
  return `${parts.customerId}:${parts.automationId}:${parts.nodeId}`;
}
