import { describeRule } from '../../describe/rules';
import type { DraftData } from '../types';

function valueText(value: unknown): string {
  if (value === undefined) return '…';
  if (value !== null && typeof value === 'object') return `the value of ${describeRule(value)}`;
  return JSON.stringify(value);
}

export const setVariableSentence = (data: DraftData<'setVariable'>): string => `Set ${data.name || '…'} to ${valueText(data.value)}`;
