import { GlobeIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { webhookSentence } from './card';
import { webhookDefaults } from './defaults';
import { WebhookForm } from './Form';

export const webhookUi = defineNodeUi({
  type: 'webhook',
  group: 'Integrations',
  title: 'Call webhook',
  hint: 'Send the run context to another system',
  icon: GlobeIcon,
  defaults: webhookDefaults,
  sentence: (data) => webhookSentence(data),
  Form: WebhookForm,
});
