import { WhatsAppIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { sendWhatsAppSentence } from './card';
import { sendWhatsAppDefaults } from './defaults';
import { SendWhatsAppForm } from './Form';

export const sendWhatsAppUi = defineNodeUi({
  type: 'sendWhatsApp',
  group: 'Messages',
  title: 'Send WhatsApp',
  hint: 'A WhatsApp message (templates outside 24 h)',
  icon: WhatsAppIcon,
  defaults: sendWhatsAppDefaults,
  sentence: sendWhatsAppSentence,
  Form: SendWhatsAppForm,
});
