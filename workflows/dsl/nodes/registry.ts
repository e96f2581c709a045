import { type z } from 'zod';
import { adjustReputationNode, chargeNoShowFeeNode, updateAppointmentNode } from './appointment';
import { conditionNode } from './condition';
import { createMeetingNode, notifyStaffNode, notifyWaitlistNode, syncCalendarNode, webhookNode } from './integrations';
import { sendEmailNode, sendSmsNode, sendWhatsAppNode } from './messaging';
import { type NodeSpec } from './spec';
import { splitNode } from './split';
import { endNode, goalNode } from './terminal';
import { triggerNode } from './trigger';
import { addTagNode, removeTagNode, setVariableNode } from './variables';
import { waitNode } from './wait';
import { waitForEventNode } from './wait-for-event';

/** Every node type, registered once: adding a type means one file and one line here. */
export const NODE_SPECS = {
  trigger: triggerNode,
  wait: waitNode,
  waitForEvent: waitForEventNode,
  condition: conditionNode,
  split: splitNode,
  sendSms: sendSmsNode,
  sendWhatsApp: sendWhatsAppNode,
  sendEmail: sendEmailNode,
  updateAppointment: updateAppointmentNode,
  chargeNoShowFee: chargeNoShowFeeNode,
  adjustReputation: adjustReputationNode,
  syncCalendar: syncCalendarNode,
  createMeeting: createMeetingNode,
  notifyWaitlist: notifyWaitlistNode,
  notifyStaff: notifyStaffNode,
  webhook: webhookNode,
  setVariable: setVariableNode,
  addTag: addTagNode,
  removeTag: removeTagNode,
  goal: goalNode,
  end: endNode,
} as const;

export type NodeType = keyof typeof NODE_SPECS;
export type NodeDataOf<K extends NodeType> = z.output<(typeof NODE_SPECS)[K]['data']>;

export const NODE_TYPES = Object.keys(NODE_SPECS) as NodeType[];
export const ACTION_NODE_TYPES = NODE_TYPES.filter((type) => NODE_SPECS[type].isAction);
export type { ActionNodeType } from '../action-types';

export function isNodeType(type: unknown): type is NodeType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(NODE_SPECS, type);
}

export { isActionType } from '../action-types';

export function nodeSpec(type: NodeType): NodeSpec {
  return NODE_SPECS[type] as unknown as NodeSpec;
}
