import { SmsIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { sendSmsSentence } from './card';
import { sendSmsDefaults } from './defaults';
import { SendSmsForm } from './Form';

export const sendSmsUi = defineNodeUi({
  type: 'sendSms',
  group: 'Messages',
  title: 'Send SMS',
  hint: 'A text from your number',
  icon: SmsIcon,
  defaults: sendSmsDefaults,
  sentence: sendSmsSentence,
  Form: SendSmsForm,
});
