import { describeRule } from '../../describe/rules';
import type { DraftData } from '../types';

export const conditionSentence = (data: DraftData<'condition'>): string => `If ${describeRule(data.rule)}`;
