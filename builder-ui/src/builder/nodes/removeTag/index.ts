import { UntagIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { removeTagSentence } from './card';
import { removeTagDefaults } from './defaults';
import { RemoveTagForm } from './Form';

export const removeTagUi = defineNodeUi({
  type: 'removeTag',
  group: 'Customer',
  title: 'Remove tag',
  hint: 'Take a tag off the customer',
  icon: UntagIcon,
  defaults: removeTagDefaults,
  sentence: (data) => removeTagSentence(data),
  Form: RemoveTagForm,
});
