import { TagIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { addTagSentence } from './card';
import { addTagDefaults } from './defaults';
import { AddTagForm } from './Form';

export const addTagUi = defineNodeUi({
  type: 'addTag',
  group: 'Customer',
  title: 'Add tag',
  hint: 'Tag the customer, e.g. vip or late-payer',
  icon: TagIcon,
  defaults: addTagDefaults,
  sentence: (data) => addTagSentence(data),
  Form: AddTagForm,
});
