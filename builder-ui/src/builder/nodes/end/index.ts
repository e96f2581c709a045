import { StopIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { endSentence } from './card';
import { endDefaults } from './defaults';
import { EndForm } from './Form';

export const endUi = defineNodeUi({
  type: 'end',
  group: 'Logic',
  title: 'End',
  hint: 'Where a path finishes',
  icon: StopIcon,
  defaults: endDefaults,
  sentence: endSentence,
  Form: EndForm,
});
