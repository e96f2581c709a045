import { SyncIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { syncCalendarSentence } from './card';
import { syncCalendarDefaults } from './defaults';
import { SyncCalendarForm } from './Form';

export const syncCalendarUi = defineNodeUi({
  type: 'syncCalendar',
  group: 'Integrations',
  title: 'Sync calendar',
  hint: 'Google / Outlook event for the staff member',
  icon: SyncIcon,
  defaults: syncCalendarDefaults,
  sentence: (data) => syncCalendarSentence(data),
  Form: SyncCalendarForm,
});
