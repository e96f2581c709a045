import { MailIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { sendEmailSentence } from './card';
import { sendEmailDefaults } from './defaults';
import { SendEmailForm } from './Form';

export const sendEmailUi = defineNodeUi({
  type: 'sendEmail',
  group: 'Messages',
  title: 'Send email',
  hint: 'An email, optionally with the .ics invite',
  icon: MailIcon,
  defaults: sendEmailDefaults,
  sentence: sendEmailSentence,
  Form: SendEmailForm,
});
