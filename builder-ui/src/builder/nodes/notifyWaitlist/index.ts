import { ListIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { notifyWaitlistSentence } from './card';
import { notifyWaitlistDefaults } from './defaults';
import { NotifyWaitlistForm } from './Form';

export const notifyWaitlistUi = defineNodeUi({
  type: 'notifyWaitlist',
  group: 'Integrations',
  title: 'Notify waitlist',
  hint: 'Fill a cancelled slot from the waitlist',
  icon: ListIcon,
  defaults: notifyWaitlistDefaults,
  sentence: (data) => notifyWaitlistSentence(data),
  Form: NotifyWaitlistForm,
});
