import { InboxIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { waitForEventSentence } from './card';
import { waitForEventDefaults } from './defaults';
import { WaitForEventForm } from './Form';

export const waitForEventUi = defineNodeUi({
  type: 'waitForEvent',
  group: 'Timing',
  title: 'Wait for event',
  hint: 'A reply, a check-in… or give up after a deadline',
  icon: InboxIcon,
  defaults: waitForEventDefaults,
  sentence: (data) => waitForEventSentence(data),
  Form: WaitForEventForm,
});
