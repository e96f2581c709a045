import type { AutomationDefinition, AutomationEdge, AutomationNode } from '../../../workflows/dsl';

/**
 * The automations every business starts with, as the builder saves them. Template ids are the
 * seeded MessageTemplate keys (db/seeders/demo/templates.ts). Nodes are laid out top to bottom,
 * branches side by side, so the builder opens them readable.
 */
function node(id: string, type: AutomationNode['type'], x: number, y: number, data: Record<string, unknown> = {}): AutomationNode {
  return { id, type, position: { x, y }, data } as AutomationNode;
}

function edge(source: string, target: string, sourceHandle?: string): AutomationEdge {
  return { id: `${source}-${sourceHandle ?? 'next'}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) };
}

const ROW = 140;
const stopsWhenOver = (id: string): AutomationNode =>
  node(id, 'goal', 360, 0, {
    label: 'Appointment cancelled or over',
    rule: { in: [{ var: 'appointment.status' }, ['cancelled', 'completed', 'no_show']] },
  });

export const bookingConfirmation: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Booking confirmation',
  description: 'Confirms every booking at once by SMS and by email with a calendar invitation.',
  trigger: { event: 'appointment.booked' },
  nodes: [
    node('t', 'trigger', 0, 0),
    node('sms', 'sendSms', 0, ROW, { label: 'Confirmation SMS', templateId: 'booking-confirmation-sms' }),
    node('email', 'sendEmail', 0, 2 * ROW, { label: 'Confirmation email (.ics)', templateId: 'booking-confirmation-email', attachIcs: true }),
    node('end', 'end', 0, 3 * ROW),
  ],
  edges: [edge('t', 'sms'), edge('sms', 'email'), edge('email', 'end')],
};

export const reminders: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Reminders (24 h email, 2 h SMS)',
  description: 'An email the day before and an SMS two hours before. Both move with a reschedule; a cancel stops them.',
  trigger: { event: 'appointment.booked' },
  nodes: [
    node('t', 'trigger', 0, 0),
    node('w24', 'wait', 0, ROW, { label: '24 h before', until: { anchor: 'appointment.startsAt', offset: '-PT24H' }, ifPast: 'skip' }),
    node('email24', 'sendEmail', 0, 2 * ROW, { label: 'Reminder email', templateId: 'reminder-24h-email', attachIcs: true }),
    node('w2', 'wait', 0, 3 * ROW, { label: '2 h before', until: { anchor: 'appointment.startsAt', offset: '-PT2H' }, ifPast: 'skip' }),
    node('sms2', 'sendSms', 0, 4 * ROW, { label: 'Reminder SMS', templateId: 'reminder-2h-sms' }),
    node('end', 'end', 0, 5 * ROW),
    stopsWhenOver('stop'),
  ],
  edges: [edge('t', 'w24'), edge('w24', 'email24'), edge('email24', 'w2'), edge('w2', 'sms2'), edge('sms2', 'end')],
};

/**
 * A reply X asks to cancel; the API decides (it refuses inside the cancel window) and sends
 * `appointment.cancelled` only when it did. So after an X the run waits a moment for that event
 * and branches on `appointment.status`, never on the reply alone. `vars.cancelAsked` keeps the
 * goal from ending the run before it has told the staff.
 */
export const twoWayConfirm: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Two-way confirmation',
  description: 'Asks the customer to reply C or X two days before, nudges once, and tells the staff when nobody answers.',
  trigger: { event: 'appointment.booked', filter: { '==': [{ var: 'customer.smsOptIn' }, true] } },
  nodes: [
    node('t', 'trigger', 0, 0),
    node('w48', 'wait', 0, ROW, { label: '48 h before', until: { anchor: 'appointment.startsAt', offset: '-PT48H' }, ifPast: 'continue' }),
    node('ask', 'sendSms', 0, 2 * ROW, { label: 'Ask to confirm', templateId: 'confirm-request-sms' }),
    node('reply', 'waitForEvent', 0, 3 * ROW, {
      label: 'Reply C or X',
      events: ['message.received'],
      filter: { in: [{ var: 'lastEvent.intent' }, ['confirm', 'cancel']] },
      timeout: 'PT12H',
    }),
    node('isConfirm', 'condition', -240, 4 * ROW, { label: 'Confirmed?', rule: { '==': [{ var: 'lastEvent.intent' }, 'confirm'] } }),
    node('endConfirmed', 'end', -480, 5 * ROW),
    node('cancelAsked', 'setVariable', -240, 5 * ROW, { label: 'Asked to cancel', name: 'cancelAsked', value: true }),
    node('settle', 'waitForEvent', -240, 6 * ROW, {
      label: 'Cancelled by the booking rules?',
      events: ['appointment.cancelled'],
      // The API cancels (or refuses) right after forwarding the reply: seconds at most.
      timeout: 'PT30S',
    }),
    node('isCancelled', 'condition', -240, 7 * ROW, { label: 'Cancelled?', rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } }),
    node('staffCancelled', 'notifyStaff', -360, 8 * ROW, {
      label: 'Tell staff: cancelled by reply',
      message: '{{customer.name}} replied X: {{service.name}} on {{formatDateTime appointment.startsAt}} is cancelled.',
    }),
    node('endCancelled', 'end', -360, 9 * ROW),
    node('staffRefused', 'notifyStaff', -120, 8 * ROW, {
      label: 'Tell staff: cancel refused',
      message:
        '{{customer.name}} replied X for {{service.name}} on {{formatDateTime appointment.startsAt}}, inside the cancel window: it is still booked. Please contact them.',
    }),
    node('endRefused', 'end', -120, 9 * ROW),
    node('nudged', 'condition', 240, 4 * ROW, { label: 'Nudged already?', rule: { '==': [{ var: 'vars.nudged' }, true] } }),
    node('markNudged', 'setVariable', 360, 5 * ROW, { name: 'nudged', value: true }),
    node('nudge', 'sendSms', 360, 6 * ROW, { label: 'Nudge once', templateId: 'confirm-request-sms' }),
    node('staffUnconfirmed', 'notifyStaff', 120, 5 * ROW, {
      label: 'Tell staff: no answer',
      message: '{{customer.name}} has not confirmed {{service.name}} on {{formatDateTime appointment.startsAt}}.',
    }),
    node('endUnconfirmed', 'end', 120, 6 * ROW),
    node('stop', 'goal', 360, 0, {
      label: 'Appointment cancelled (not by this reply) or over',
      rule: {
        or: [
          { in: [{ var: 'appointment.status' }, ['completed', 'no_show']] },
          { and: [{ '==': [{ var: 'appointment.status' }, 'cancelled'] }, { '!': { var: 'vars.cancelAsked' } }] },
        ],
      },
    }),
  ],
  edges: [
    edge('t', 'w48'),
    edge('w48', 'ask'),
    edge('ask', 'reply'),
    edge('reply', 'isConfirm', 'event'),
    edge('reply', 'nudged', 'timeout'),
    edge('isConfirm', 'endConfirmed', 'true'),
    edge('isConfirm', 'cancelAsked', 'false'),
    edge('cancelAsked', 'settle'),
    edge('settle', 'isCancelled', 'event'),
    edge('settle', 'isCancelled', 'timeout'),
    edge('isCancelled', 'staffCancelled', 'true'),
    edge('isCancelled', 'staffRefused', 'false'),
    edge('staffCancelled', 'endCancelled'),
    edge('staffRefused', 'endRefused'),
    edge('nudged', 'staffUnconfirmed', 'true'),
    edge('nudged', 'markNudged', 'false'),
    edge('markNudged', 'nudge'),
    edge('nudge', 'reply'),
    edge('staffUnconfirmed', 'endUnconfirmed'),
  ],
};

export const noShowDefense: AutomationDefinition = {
  schemaVersion: 1,
  name: 'No-show defense',
  description: 'No check-in 15 minutes after the start: mark a no-show, charge the escalating fee, lower the reputation, tell the customer.',
  trigger: { event: 'appointment.booked' },
  nodes: [
    node('t', 'trigger', 0, 0),
    node('arrive', 'waitForEvent', 0, ROW, {
      label: 'Checked in by start + 15 min?',
      events: ['appointment.checked_in', 'appointment.completed', 'appointment.cancelled'],
      until: { anchor: 'appointment.startsAt', offset: 'PT15M' },
      ifPast: 'skip',
    }),
    node('endArrived', 'end', -240, 2 * ROW),
    node('mark', 'updateAppointment', 0, 2 * ROW, { label: 'Mark no-show', status: 'no_show', reason: 'not checked in within the grace period' }),
    node('fee', 'chargeNoShowFee', 0, 3 * ROW, { label: 'No-show fee', mode: 'escalating', amountsCents: [2500, 3500, 5000] }),
    node('rep', 'adjustReputation', 0, 4 * ROW, { label: 'Reputation −20', delta: -20, reason: 'no-show' }),
    node('notice', 'sendSms', 0, 5 * ROW, { label: 'Missed-you SMS', templateId: 'no-show-notice-sms' }),
    node('end', 'end', 0, 6 * ROW),
  ],
  edges: [
    edge('t', 'arrive'),
    edge('arrive', 'endArrived', 'event'),
    edge('arrive', 'mark', 'timeout'),
    edge('mark', 'fee'),
    edge('fee', 'rep'),
    edge('rep', 'notice'),
    edge('notice', 'end'),
  ],
};

export const afterVisit: AutomationDefinition = {
  schemaVersion: 1,
  name: 'After the visit',
  description: 'Rewards a completed visit (+5 when on time, else +2) and asks for a review two hours later.',
  trigger: { event: 'appointment.completed' },
  nodes: [
    node('t', 'trigger', 0, 0),
    node('onTime', 'condition', 0, ROW, {
      label: 'Arrived on time?',
      rule: {
        '<=': [{ timestamp: { var: 'appointment.arrivedAt' } }, { '+': [{ timestamp: { var: 'appointment.startsAt' } }, 5 * 60_000] }],
      },
    }),
    node('rep5', 'adjustReputation', -160, 2 * ROW, { label: 'Reputation +5', delta: 5, reason: 'visit completed on time' }),
    node('rep2', 'adjustReputation', 160, 2 * ROW, { label: 'Reputation +2', delta: 2, reason: 'visit completed' }),
    node('w2h', 'wait', 0, 3 * ROW, { label: '2 h later', duration: 'PT2H' }),
    node('thanks', 'sendSms', 0, 4 * ROW, { label: 'Thank you + review link', templateId: 'thank-you-sms' }),
    node('end', 'end', 0, 5 * ROW),
  ],
  edges: [
    edge('t', 'onTime'),
    edge('onTime', 'rep5', 'true'),
    edge('onTime', 'rep2', 'false'),
    edge('rep5', 'w2h'),
    edge('rep2', 'w2h'),
    edge('w2h', 'thanks'),
    edge('thanks', 'end'),
  ],
};

export function winBack(timezone: string): AutomationDefinition {
  return {
    schemaVersion: 1,
    name: 'Win-back after 60 days',
    description: 'Every morning, invites back the customers whose last visit was exactly 60 days ago.',
    trigger: {
      event: 'schedule',
      schedule: { cron: '0 10 * * *', timezone },
      filter: { '==': [{ daysBetween: [{ var: 'customer.lastVisitAt' }, { var: 'now' }] }, 60] },
    },
    nodes: [node('t', 'trigger', 0, 0), node('sms', 'sendSms', 0, ROW, { label: 'We miss you', templateId: 'win-back-sms' }), node('end', 'end', 0, 2 * ROW)],
    edges: [edge('t', 'sms'), edge('sms', 'end')],
  };
}

export function birthday(timezone: string): AutomationDefinition {
  return {
    schemaVersion: 1,
    name: 'Birthday greeting',
    description: 'Wishes customers a happy birthday at 9:00 on the day.',
    trigger: {
      event: 'schedule',
      schedule: { cron: '0 9 * * *', timezone },
      filter: { '==': [{ substr: [{ var: 'customer.birthday' }, 5] }, { substr: [{ var: 'today' }, 5] }] },
    },
    nodes: [node('t', 'trigger', 0, 0), node('sms', 'sendSms', 0, ROW, { label: 'Happy birthday', templateId: 'birthday-sms' }), node('end', 'end', 0, 2 * ROW)],
    edges: [edge('t', 'sms'), edge('sms', 'end')],
  };
}

const vaccinationWait = (id: string, days: number, y: number): AutomationNode =>
  node(id, 'wait', 0, y, {
    label: `${days} days before expiry, 9:00`,
    untilLocalTime: { anchor: 'vaccination.expiresAt', daysOffset: -days, time: '09:00', zone: 'recipient' },
    ifPast: 'skip',
  });

export const vaccinationExpiry: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Vaccination expiry alerts',
  description: 'Reminds the owner 30, 14 and 7 days before a vaccination expires, unless a newer record arrives.',
  trigger: { event: 'vaccination.recorded' },
  nodes: [
    node('t', 'trigger', 0, 0),
    vaccinationWait('w30', 30, ROW),
    node('a30', 'sendSms', 0, 2 * ROW, { label: 'Alert 30 days', templateId: 'vaccination-expiry-sms' }),
    vaccinationWait('w14', 14, 3 * ROW),
    node('a14', 'sendSms', 0, 4 * ROW, { label: 'Alert 14 days', templateId: 'vaccination-expiry-sms' }),
    vaccinationWait('w7', 7, 5 * ROW),
    node('a7', 'sendSms', 0, 6 * ROW, { label: 'Alert 7 days', templateId: 'vaccination-expiry-sms' }),
    node('end', 'end', 0, 7 * ROW),
    node('renewed', 'goal', 360, 0, { label: 'Renewed', rule: { '!!': { var: 'vaccination.renewedAt' } } }),
  ],
  edges: [edge('t', 'w30'), edge('w30', 'a30'), edge('a30', 'w14'), edge('w14', 'a14'), edge('a14', 'w7'), edge('w7', 'a7'), edge('a7', 'end')],
};

export interface SeededAutomation {
  /** Automation.templateKey: how a seeded automation is recognised (and not seeded twice). */
  key: string;
  /** Seeded for every new tenant, not only the demo. */
  essential: boolean;
  definition: AutomationDefinition;
}

/** Every seeded automation, for a tenant in `timezone` (schedules run in the business's zone). */
export function seededAutomations(timezone: string): SeededAutomation[] {
  return [
    { key: 'booking-confirmation', essential: true, definition: bookingConfirmation },
    { key: 'reminders', essential: true, definition: reminders },
    { key: 'no-show-defense', essential: true, definition: noShowDefense },
    { key: 'two-way-confirm', essential: false, definition: twoWayConfirm },
    { key: 'after-visit', essential: false, definition: afterVisit },
    { key: 'win-back', essential: false, definition: winBack(timezone) },
    { key: 'birthday', essential: false, definition: birthday(timezone) },
    { key: 'vaccination-expiry', essential: false, definition: vaccinationExpiry },
  ];
}
