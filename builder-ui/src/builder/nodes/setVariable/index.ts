import { VariableIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { setVariableSentence } from './card';
import { setVariableDefaults } from './defaults';
import { SetVariableForm } from './Form';

export const setVariableUi = defineNodeUi({
  type: 'setVariable',
  group: 'Logic',
  title: 'Set variable',
  hint: 'Remember something for later steps (vars.name)',
  icon: VariableIcon,
  defaults: setVariableDefaults,
  sentence: (data) => setVariableSentence(data),
  Form: SetVariableForm,
});
