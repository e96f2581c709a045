import { BranchIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { conditionSentence } from './card';
import { conditionDefaults } from './defaults';
import { ConditionForm } from './Form';

export const conditionUi = defineNodeUi({
  type: 'condition',
  group: 'Logic',
  title: 'Condition',
  hint: 'Yes / No on anything in the context',
  icon: BranchIcon,
  defaults: conditionDefaults,
  sentence: (data) => conditionSentence(data),
  Form: ConditionForm,
});
