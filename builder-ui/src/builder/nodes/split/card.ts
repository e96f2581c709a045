import type { DraftData } from '../types';

export function splitSentence(data: DraftData<'split'>): string {
  const variants = Array.isArray(data.variants) ? data.variants : [];
  const total = variants.reduce((sum, v) => sum + (typeof v?.weight === 'number' && v.weight > 0 ? v.weight : 0), 0);
  if (variants.length === 0 || total === 0) return 'Split customers: add variants';
  return `Split customers: ${variants.map((v) => `${v.label || v.id} ${Math.round(((v.weight > 0 ? v.weight : 0) / total) * 100)}%`).join(' / ')}`;
}
