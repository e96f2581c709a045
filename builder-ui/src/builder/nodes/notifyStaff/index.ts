import { BellIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { notifyStaffSentence } from './card';
import { notifyStaffDefaults } from './defaults';
import { NotifyStaffForm } from './Form';

export const notifyStaffUi = defineNodeUi({
  type: 'notifyStaff',
  group: 'Integrations',
  title: 'Notify staff',
  hint: 'Tell the team in the app, by email or SMS',
  icon: BellIcon,
  defaults: notifyStaffDefaults,
  sentence: notifyStaffSentence,
  Form: NotifyStaffForm,
});
