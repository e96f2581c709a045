import { CheckCircleIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { updateAppointmentSentence } from './card';
import { updateAppointmentDefaults } from './defaults';
import { UpdateAppointmentForm } from './Form';

export const updateAppointmentUi = defineNodeUi({
  type: 'updateAppointment',
  group: 'Appointment',
  title: 'Update appointment',
  hint: 'Mark it no-show, confirmed, completed…',
  icon: CheckCircleIcon,
  defaults: updateAppointmentDefaults,
  sentence: (data) => updateAppointmentSentence(data),
  Form: UpdateAppointmentForm,
});
