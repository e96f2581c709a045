import { SplitIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { splitSentence } from './card';
import { splitDefaults } from './defaults';
import { SplitForm } from './Form';

export const splitUi = defineNodeUi({
  type: 'split',
  group: 'Logic',
  title: 'A/B split',
  hint: 'Try two messages on fixed shares of customers',
  icon: SplitIcon,
  defaults: splitDefaults,
  sentence: (data) => splitSentence(data),
  Form: SplitForm,
});
