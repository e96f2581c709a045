import { type RunContext } from '../context';
import { type AutomationDefinition, type AutomationEdge, type AutomationNode } from '../schema';

/** Test definitions: one per automation the product seeds, written the way the builder saves them. */
let y = 0;
export function node(id: string, type: AutomationNode['type'], data: Record<string, unknown> = {}): AutomationNode {
  y += 100;
  return { id, type, position: { x: 0, y }, data } as AutomationNode;
}

export function edge(source: string, target: string, sourceHandle?: string): AutomationEdge {
  return { id: `${source}-${sourceHandle ?? 'next'}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) };
}

const cancelledGoal = node('goal-cancelled', 'goal', { rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } });

export const bookingConfirmation: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Booking confirmation',
  trigger: { event: 'appointment.booked' },
  nodes: [
    node('t', 'trigger'),
    node('sms', 'sendSms', { templateId: 'booking-confirmation-sms' }),
    node('email', 'sendEmail', { templateId: 'booking-confirmation-email', attachIcs: true }),
    node('end', 'end'),
  ],
  edges: [edge('t', 'sms'), edge('sms', 'email'), edge('email', 'end')],
};

export const reminders: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Reminders',
  trigger: { event: 'appointment.booked' },
  nodes: [
    node('t', 'trigger'),
    node('w24', 'wait', { until: { anchor: 'appointment.startsAt', offset: '-PT24H' }, ifPast: 'skip' }),
    node('email24', 'sendEmail', { templateId: 'reminder-24h', attachIcs: true }),
    node('w2', 'wait', { until: { anchor: 'appointment.startsAt', offset: '-PT2H' }, ifPast: 'skip' }),
    node('sms2', 'sendSms', { templateId: 'reminder-2h' }),
    node('end', 'end'),
    cancelledGoal,
  ],
  edges: [edge('t', 'w24'), edge('w24', 'email24'), edge('email24', 'w2'), edge('w2', 'sms2'), edge('sms2', 'end')],
};

export const twoWayConfirm: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Two-way confirm',
  trigger: { event: 'appointment.booked', filter: { '==': [{ var: 'customer.smsOptIn' }, true] } },
  nodes: [
    node('t', 'trigger'),
    node('w48', 'wait', { until: { anchor: 'appointment.startsAt', offset: '-PT48H' }, ifPast: 'continue' }),
    node('ask', 'sendSms', { templateId: 'confirm-ask' }),
    node('reply', 'waitForEvent', {
      events: ['message.received'],
      filter: { in: [{ var: 'lastEvent.intent' }, ['confirm', 'cancel']] },
      timeout: 'PT12H',
    }),
    node('isConfirm', 'condition', { rule: { '==': [{ var: 'lastEvent.intent' }, 'confirm'] } }),
    node('thanks', 'sendSms', { templateId: 'confirm-thanks' }),
    node('ack', 'sendSms', { templateId: 'cancel-ack' }),
    node('nudged', 'condition', { rule: { '==': [{ var: 'vars.nudged' }, true] } }),
    node('markNudged', 'setVariable', { name: 'nudged', value: true }),
    node('nudge', 'sendSms', { templateId: 'confirm-nudge' }),
    node('staff', 'notifyStaff', { message: '{{customer.name}} has not confirmed {{formatDate appointment.startsAt}}' }),
    node('endConfirmed', 'end'),
    node('endCancelled', 'end'),
    node('endUnconfirmed', 'end'),
  ],
  edges: [
    edge('t', 'w48'),
    edge('w48', 'ask'),
    edge('ask', 'reply'),
    edge('reply', 'isConfirm', 'event'),
    edge('reply', 'nudged', 'timeout'),
    edge('isConfirm', 'thanks', 'true'),
    edge('isConfirm', 'ack', 'false'),
    edge('thanks', 'endConfirmed'),
    edge('ack', 'endCancelled'),
    edge('nudged', 'staff', 'true'),
    edge('nudged', 'markNudged', 'false'),
    edge('markNudged', 'nudge'),
    edge('nudge', 'reply'),
    edge('staff', 'endUnconfirmed'),
  ],
};

export const noShowDefense: AutomationDefinition = {
  schemaVersion: 1,
  name: 'No-show defense',
  trigger: { event: 'appointment.booked' },
  nodes: [
    node('t', 'trigger'),
    node('arrive', 'waitForEvent', {
      events: ['appointment.checked_in', 'appointment.completed', 'appointment.cancelled'],
      until: { anchor: 'appointment.startsAt', offset: 'PT15M' },
      ifPast: 'skip',
    }),
    node('mark', 'updateAppointment', { status: 'no_show' }),
    node('fee', 'chargeNoShowFee', { mode: 'escalating', amountsCents: [2500, 3500, 5000] }),
    node('rep', 'adjustReputation', { delta: -20, reason: 'no-show' }),
    node('notice', 'sendSms', { templateId: 'no-show-notice' }),
    node('endArrived', 'end'),
    node('end', 'end'),
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
  name: 'After visit',
  trigger: { event: 'appointment.completed' },
  nodes: [
    node('t', 'trigger'),
    node('onTime', 'condition', {
      rule: {
        '<=': [
          { timestamp: { var: 'appointment.arrivedAt' } },
          { '+': [{ timestamp: { var: 'appointment.startsAt' } }, 5 * 60_000] },
        ],
      },
    }),
    node('rep5', 'adjustReputation', { delta: 5, reason: 'visit completed on time' }),
    node('rep2', 'adjustReputation', { delta: 2, reason: 'visit completed' }),
    node('w2h', 'wait', { duration: 'PT2H' }),
    node('thanks', 'sendSms', { templateId: 'thank-you', variables: { reviewUrl: '{{tenant.reviewUrl}}' } }),
    node('end', 'end'),
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

export const winBack: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Win-back',
  trigger: {
    event: 'schedule',
    schedule: { cron: '0 10 * * *', timezone: 'America/New_York' },
    filter: { '==': [{ daysBetween: [{ var: 'customer.lastVisitAt' }, { var: 'now' }] }, 60] },
  },
  nodes: [node('t', 'trigger'), node('email', 'sendEmail', { templateId: 'win-back' }), node('end', 'end')],
  edges: [edge('t', 'email'), edge('email', 'end')],
};

export const birthday: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Birthday greeting',
  trigger: {
    event: 'schedule',
    schedule: { cron: '0 9 * * *', timezone: 'America/New_York' },
    filter: { '==': [{ substr: [{ var: 'customer.birthday' }, 5] }, { substr: [{ var: 'today' }, 5] }] },
  },
  nodes: [node('t', 'trigger'), node('sms', 'sendSms', { templateId: 'birthday' }), node('end', 'end')],
  edges: [edge('t', 'sms'), edge('sms', 'end')],
};

export const vaccinationAlerts: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Vaccination expiry alerts',
  trigger: { event: 'vaccination.recorded' },
  nodes: [
    node('t', 'trigger'),
    node('w30', 'wait', { until: { anchor: 'vaccination.expiresAt', offset: '-P30D' }, ifPast: 'skip' }),
    node('a30', 'sendEmail', { templateId: 'vaccination-30d' }),
    node('w14', 'wait', { until: { anchor: 'vaccination.expiresAt', offset: '-P14D' }, ifPast: 'skip' }),
    node('a14', 'sendSms', { templateId: 'vaccination-14d' }),
    node('w7', 'wait', { until: { anchor: 'vaccination.expiresAt', offset: '-P7D' }, ifPast: 'skip' }),
    node('a7', 'sendSms', { templateId: 'vaccination-7d' }),
    node('end', 'end'),
    node('renewed', 'goal', { rule: { '!!': { var: 'vaccination.renewedAt' } } }),
  ],
  edges: [
    edge('t', 'w30'),
    edge('w30', 'a30'),
    edge('a30', 'w14'),
    edge('w14', 'a14'),
    edge('a14', 'w7'),
    edge('w7', 'a7'),
    edge('a7', 'end'),
  ],
};

export const ALL_DEFINITIONS = {
  bookingConfirmation,
  reminders,
  twoWayConfirm,
  noShowDefense,
  afterVisit,
  winBack,
  birthday,
  vaccinationAlerts,
};

export const TEMPLATE_IDS = [
  'booking-confirmation-sms', 'booking-confirmation-email', 'reminder-24h', 'reminder-2h', 'confirm-ask',
  'confirm-thanks', 'cancel-ack', 'confirm-nudge', 'no-show-notice', 'thank-you', 'win-back', 'birthday',
  'vaccination-30d', 'vaccination-14d', 'vaccination-7d',
];

/** A context for an appointment at `startsAt` (New York). */
export function appointmentContext(startsAt: string, overrides: Partial<RunContext> = {}): RunContext {
  return {
    tenant: { id: 'tenant-1', name: 'Paws & Claws', timezone: 'America/New_York', reviewUrl: 'https://example.test/review' },
    appointment: { id: 'appt-1', startsAt, status: 'pending', priceCents: 6000 },
    service: { id: 'svc-1', name: 'Full groom', category: 'grooming' },
    staff: { id: 'staff-1', name: 'Robin' },
    customer: { id: 'cust-1', name: 'Alex Doe', phone: '+15555550100', email: 'alex@example.test', smsOptIn: true, emailOptIn: true, reputationScore: 80, tags: [], timezone: 'America/New_York' },
    vars: {},
    event: { type: 'appointment.booked', at: startsAt },
    ...overrides,
  };
}
