import { simulateTimeline, validateDefinition } from '../../../workflows/dsl';
import { DEMO_TEMPLATES } from '../demo/templates';
import { noShowDefense, reminders, seededAutomations, twoWayConfirm } from './definitions';

const templateIds = DEMO_TEMPLATES.map((template) => template.key);
const context = {
  tenant: { id: 't1', name: 'Pawsh', timezone: 'America/New_York' },
  appointment: { id: 'a1', startsAt: '2026-03-10T15:00:00.000Z', status: 'pending' },
  customer: { id: 'c1', name: 'Ada', smsOptIn: true, emailOptIn: true, reputationScore: 80, tags: [] },
};

describe('seeded automations', () => {
  test.each(seededAutomations('America/New_York').map((seed) => [seed.key, seed.definition] as const))(
    '%s is a valid definition using only seeded templates',
    (_key, definition) => {
      expect(validateDefinition(definition, { templateIds }).problems).toEqual([]);
    },
  );

  test('every new tenant gets confirmation, reminders and no-show defense', () => {
    const essential = seededAutomations('UTC').filter((seed) => seed.essential).map((seed) => seed.key);
    expect(essential).toEqual(['booking-confirmation', 'reminders', 'no-show-defense']);
  });

  test('reminders: email the day before, SMS two hours before', () => {
    const timeline = simulateTimeline({ definition: reminders, context, startAt: '2026-03-01T12:00:00.000Z' });
    expect(timeline.actions.map((a) => [a.nodeId, a.at])).toEqual([
      ['email24', '2026-03-09T11:00:00.000-04:00'],
      ['sms2', '2026-03-10T09:00:00.000-04:00'],
    ]);
  });

  test('no-show defense: no check-in by start + 15 min marks, charges, lowers reputation and tells, in that order', () => {
    const timeline = simulateTimeline({ definition: noShowDefense, context, startAt: '2026-03-01T12:00:00.000Z' });
    expect(timeline.actions.map((a) => a.nodeId)).toEqual(['mark', 'fee', 'rep', 'notice']);
    const checkedIn = simulateTimeline({
      definition: noShowDefense,
      context,
      startAt: '2026-03-01T12:00:00.000Z',
      events: [{ at: '2026-03-10T15:05:00.000Z', type: 'checked_in' }],
    });
    expect(checkedIn.actions).toEqual([]);
  });

  test('two-way confirm nudges once, then tells the staff', () => {
    const timeline = simulateTimeline({ definition: twoWayConfirm, context, startAt: '2026-03-01T12:00:00.000Z' });
    expect(timeline.actions.map((a) => a.nodeId)).toEqual(['ask', 'nudge', 'staffUnconfirmed']);
  });

  test('two-way confirm: an X the booking rules accept tells the staff it is cancelled', () => {
    const timeline = simulateTimeline({
      definition: twoWayConfirm,
      context,
      startAt: '2026-03-07T12:00:00.000Z',
      events: [{ at: '2026-03-08T16:00:00.000Z', type: 'reply', body: 'X' }],
    });
    expect(timeline.actions.map((a) => a.nodeId)).toEqual(['ask', 'staffCancelled']);
    expect(timeline.endedBy).toMatchObject({ reason: 'end', nodeId: 'endCancelled' });
  });

  test('two-way confirm: an X refused inside the cancel window follows the appointment status, not the reply', () => {
    // The API refused the cancel: only the reply arrives, no appointment.cancelled.
    const timeline = simulateTimeline({
      definition: twoWayConfirm,
      context,
      startAt: '2026-03-09T12:00:00.000Z',
      events: [{ at: '2026-03-09T16:00:00.000Z', type: 'message.received', body: 'X', intent: 'cancel', channel: 'sms' }],
    });
    expect(timeline.actions.map((a) => a.nodeId)).toEqual(['ask', 'staffRefused']);
    expect(timeline.endedBy).toMatchObject({ reason: 'end', nodeId: 'endRefused' });
  });

  test('two-way confirm: a cancel from elsewhere ends the run quietly', () => {
    const timeline = simulateTimeline({
      definition: twoWayConfirm,
      context,
      startAt: '2026-03-07T12:00:00.000Z',
      events: [{ at: '2026-03-08T16:00:00.000Z', type: 'cancelled' }],
    });
    expect(timeline.actions.map((a) => a.nodeId)).toEqual(['ask']);
    expect(timeline.endedBy).toMatchObject({ reason: 'goal', nodeId: 'stop' });
  });
});
