import { ClockIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { waitSentence } from './card';
import { waitDefaults } from './defaults';
import { WaitForm } from './Form';

export const waitUi = defineNodeUi({
  type: 'wait',
  group: 'Timing',
  title: 'Wait',
  hint: 'Until 24 h before, for 2 hours, until 09:00…',
  icon: ClockIcon,
  defaults: waitDefaults,
  sentence: (data) => waitSentence(data),
  Form: WaitForm,
});
