import type { NodeType } from '../../automation/dsl';
import { adjustReputationUi } from './adjustReputation';
import { addTagUi } from './addTag';
import { chargeNoShowFeeUi } from './chargeNoShowFee';
import { conditionUi } from './condition';
import { createMeetingUi } from './createMeeting';
import { endUi } from './end';
import { goalUi } from './goal';
import { notifyStaffUi } from './notifyStaff';
import { notifyWaitlistUi } from './notifyWaitlist';
import { removeTagUi } from './removeTag';
import { sendEmailUi } from './sendEmail';
import { sendSmsUi } from './sendSms';
import { sendWhatsAppUi } from './sendWhatsApp';
import { setVariableUi } from './setVariable';
import { splitUi } from './split';
import { syncCalendarUi } from './syncCalendar';
import { triggerUi } from './trigger';
import { updateAppointmentUi } from './updateAppointment';
import { waitUi } from './wait';
import { waitForEventUi } from './waitForEvent';
import { webhookUi } from './webhook';
import type { NodeUi } from './types';

/** Every node type's card sentence, form and defaults, registered once (as the DSL's NODE_SPECS). */
export const NODE_UI: { [K in NodeType]: NodeUi<K> } = {
  trigger: triggerUi,
  wait: waitUi,
  waitForEvent: waitForEventUi,
  condition: conditionUi,
  split: splitUi,
  sendSms: sendSmsUi,
  sendWhatsApp: sendWhatsAppUi,
  sendEmail: sendEmailUi,
  updateAppointment: updateAppointmentUi,
  chargeNoShowFee: chargeNoShowFeeUi,
  adjustReputation: adjustReputationUi,
  syncCalendar: syncCalendarUi,
  createMeeting: createMeetingUi,
  notifyWaitlist: notifyWaitlistUi,
  notifyStaff: notifyStaffUi,
  webhook: webhookUi,
  setVariable: setVariableUi,
  addTag: addTagUi,
  removeTag: removeTagUi,
  goal: goalUi,
  end: endUi,
};

export function nodeUi(type: NodeType): NodeUi {
  return NODE_UI[type] as unknown as NodeUi;
}
