import { FlagIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { goalSentence } from './card';
import { goalDefaults } from './defaults';
import { GoalForm } from './Form';

export const goalUi = defineNodeUi({
  type: 'goal',
  group: 'Logic',
  title: 'Goal',
  hint: 'Stops the run once something is true (e.g. cancelled)',
  icon: FlagIcon,
  defaults: goalDefaults,
  sentence: (data) => goalSentence(data),
  Form: GoalForm,
});
