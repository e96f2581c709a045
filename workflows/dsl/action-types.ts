/**
 * The node types that are actions (run through an activity, or set a variable), without the zod
 * schemas of nodes/registry.ts: the interpreter imports this inside the workflow sandbox, where
 * every workflow execution evaluates its own copy of the modules it imports.
 * nodes/registry.ts checks that this list matches the specs (action-types.test.ts).
 */
export const ACTION_TYPES = [
  'sendSms',
  'sendWhatsApp',
  'sendEmail',
  'updateAppointment',
  'chargeNoShowFee',
  'adjustReputation',
  'syncCalendar',
  'createMeeting',
  'notifyWaitlist',
  'notifyStaff',
  'webhook',
  'setVariable',
  'addTag',
  'removeTag',
] as const;

export type ActionNodeType = (typeof ACTION_TYPES)[number];

const actions = new Set<string>(ACTION_TYPES);

export function isActionType(type: string): type is ActionNodeType {
  return actions.has(type);
}
