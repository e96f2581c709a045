import { BoltIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { triggerSentence } from './card';
import { triggerDefaults } from './defaults';
import { TriggerForm } from './Form';

export const triggerUi = defineNodeUi({
  type: 'trigger',
  group: 'Triggers',
  title: 'Trigger',
  hint: 'What starts a run: a booking, a reply, a schedule…',
  icon: BoltIcon,
  defaults: triggerDefaults,
  sentence: triggerSentence,
  Form: TriggerForm,
});
