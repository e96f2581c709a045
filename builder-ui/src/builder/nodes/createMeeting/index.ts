import { VideoIcon } from '../../node-icons';
import { defineNodeUi } from '../types';
import { createMeetingSentence } from './card';
import { createMeetingDefaults } from './defaults';
import { CreateMeetingForm } from './Form';

export const createMeetingUi = defineNodeUi({
  type: 'createMeeting',
  group: 'Integrations',
  title: 'Create video meeting',
  hint: 'Meet, Teams or Zoom link on the appointment',
  icon: VideoIcon,
  defaults: createMeetingDefaults,
  sentence: (data) => createMeetingSentence(data),
  Form: CreateMeetingForm,
});
