import { describeRule } from '../../describe/rules';
import type { DraftData } from '../types';

export const goalSentence = (data: DraftData<'goal'>): string => `Stop as soon as ${describeRule(data.rule)}`;
