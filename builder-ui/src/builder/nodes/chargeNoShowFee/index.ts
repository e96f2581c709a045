import { CoinIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { chargeNoShowFeeSentence } from './card';
import { chargeNoShowFeeDefaults } from './defaults';
import { ChargeNoShowFeeForm } from './Form';

export const chargeNoShowFeeUi = defineNodeUi({
  type: 'chargeNoShowFee',
  group: 'Appointment',
  title: 'Charge no-show fee',
  hint: 'A fixed or escalating fee on the card on file',
  icon: CoinIcon,
  defaults: chargeNoShowFeeDefaults,
  sentence: (data) => chargeNoShowFeeSentence(data),
  Form: ChargeNoShowFeeForm,
});
