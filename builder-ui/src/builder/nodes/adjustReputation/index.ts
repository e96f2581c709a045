import { StarIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { adjustReputationSentence } from './card';
import { adjustReputationDefaults } from './defaults';
import { AdjustReputationForm } from './Form';

export const adjustReputationUi = defineNodeUi({
  type: 'adjustReputation',
  group: 'Customer',
  title: 'Adjust reputation',
  hint: 'Raise or lower the reliability score',
  icon: StarIcon,
  defaults: adjustReputationDefaults,
  sentence: (data) => adjustReputationSentence(data),
  Form: AdjustReputationForm,
});
