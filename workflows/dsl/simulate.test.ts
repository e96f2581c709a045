import { simulateTimeline, type SimulationResult } from './simulate';
import {
  afterVisit,
  appointmentContext,
  bookingConfirmation,
  noShowDefense,
  reminders,
  twoWayConfirm,
  vaccinationAlerts,
} from './__fixtures__/definitions';

const sends = (result: SimulationResult): Array<[string, string, string]> =>
  result.actions.map((entry) => [entry.at, entry.nodeId, String(entry.action?.input.templateId ?? entry.action?.type)]);

describe('simulateTimeline', () => {
  const startsAt = '2025-06-10T10:00:00-04:00';
  const bookedAt = '2025-06-01T12:00:00-04:00';

  it('booking confirmation sends the SMS and the email with .ics at once', () => {
    const result = simulateTimeline({ definition: bookingConfirmation, context: appointmentContext(startsAt), startAt: bookedAt });
    expect(sends(result)).toEqual([
      ['2025-06-01T12:00:00.000-04:00', 'sms', 'booking-confirmation-sms'],
      ['2025-06-01T12:00:00.000-04:00', 'email', 'booking-confirmation-email'],
    ]);
    expect(result.actions[1].action?.input).toMatchObject({ attachIcs: true });
    expect(result.endedBy.reason).toBe('end');
  });

  it('24 h email then 2 h SMS reminder', () => {
    const result = simulateTimeline({ definition: reminders, context: appointmentContext(startsAt), startAt: bookedAt });
    expect(sends(result)).toEqual([
      ['2025-06-09T10:00:00.000-04:00', 'email24', 'reminder-24h'],
      ['2025-06-10T08:00:00.000-04:00', 'sms2', 'reminder-2h'],
    ]);
    expect(result.path).toEqual(['t', 'w24', 'email24', 'w2', 'sms2', 'end']);
    const keys = result.actions.map((entry) => entry.action?.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
  });

  it('a reschedule moves both reminders', () => {
    const result = simulateTimeline({
      definition: reminders,
      context: appointmentContext(startsAt),
      startAt: bookedAt,
      events: [{ at: '2025-06-05T09:00:00-04:00', type: 'rescheduled', startsAt: '2025-06-12T15:30:00-04:00' }],
    });
    expect(sends(result)).toEqual([
      ['2025-06-11T15:30:00.000-04:00', 'email24', 'reminder-24h'],
      ['2025-06-12T13:30:00.000-04:00', 'sms2', 'reminder-2h'],
    ]);
  });

  it('a reschedule after the 24 h reminder moves the 2 h one', () => {
    const result = simulateTimeline({
      definition: reminders,
      context: appointmentContext(startsAt),
      startAt: bookedAt,
      events: [{ at: '2025-06-09T18:00:00-04:00', type: 'rescheduled', startsAt: '2025-06-10T16:00:00-04:00' }],
    });
    expect(sends(result)).toEqual([
      ['2025-06-09T10:00:00.000-04:00', 'email24', 'reminder-24h'],
      ['2025-06-10T14:00:00.000-04:00', 'sms2', 'reminder-2h'],
    ]);
  });

  it('cancelling reaches the goal and stops every pending send', () => {
    const result = simulateTimeline({
      definition: reminders,
      context: appointmentContext(startsAt),
      startAt: bookedAt,
      events: [{ at: '2025-06-09T12:00:00-04:00', type: 'cancelled', reason: 'sick pet' }],
    });
    expect(sends(result)).toEqual([['2025-06-09T10:00:00.000-04:00', 'email24', 'reminder-24h']]);
    expect(result.endedBy).toMatchObject({ reason: 'goal', nodeId: 'goal-cancelled', at: '2025-06-09T12:00:00.000-04:00' });
  });

  it('booked 10 minutes ahead: past reminders are skipped (ifPast=skip), nothing is sent late', () => {
    const result = simulateTimeline({ definition: reminders, context: appointmentContext(startsAt), startAt: '2025-06-10T09:50:00-04:00' });
    expect(result.actions).toEqual([]);
    expect(result.entries.filter((entry) => entry.skipped).map((entry) => entry.nodeId)).toEqual(['email24', 'sms2']);
    expect(result.endedBy.reason).toBe('end');
  });

  it('booked 3 hours ahead: the 24 h email is skipped, the 2 h SMS still goes', () => {
    const result = simulateTimeline({ definition: reminders, context: appointmentContext(startsAt), startAt: '2025-06-10T07:00:00-04:00' });
    expect(sends(result)).toEqual([['2025-06-10T08:00:00.000-04:00', 'sms2', 'reminder-2h']]);
  });

  describe('two-way confirm', () => {
    const askAt = '2025-06-08T10:00:00.000-04:00';

    it('a C reply confirms and thanks', () => {
      const result = simulateTimeline({
        definition: twoWayConfirm,
        context: appointmentContext(startsAt),
        startAt: bookedAt,
        events: [{ at: '2025-06-08T10:05:00-04:00', type: 'reply', body: 'c' }],
      });
      expect(sends(result)).toEqual([
        [askAt, 'ask', 'confirm-ask'],
        ['2025-06-08T10:05:00.000-04:00', 'thanks', 'confirm-thanks'],
      ]);
      expect(result.path).toEqual(['t', 'w48', 'ask', 'reply', 'isConfirm', 'thanks', 'endConfirmed']);
    });

    it('an X reply takes the cancel branch', () => {
      const result = simulateTimeline({
        definition: twoWayConfirm,
        context: appointmentContext(startsAt),
        startAt: bookedAt,
        events: [{ at: '2025-06-08T11:00:00-04:00', type: 'reply', body: 'X' }],
      });
      expect(sends(result).map(([, id]) => id)).toEqual(['ask', 'ack']);
      expect(result.endedBy.nodeId).toBe('endCancelled');
    });

    it('an unrelated reply does not resolve the wait', () => {
      const result = simulateTimeline({
        definition: twoWayConfirm,
        context: appointmentContext(startsAt),
        startAt: bookedAt,
        events: [
          { at: '2025-06-08T10:30:00-04:00', type: 'reply', body: 'what time again?' },
          { at: '2025-06-08T10:40:00-04:00', type: 'reply', body: 'YES' },
        ],
      });
      expect(sends(result).map(([at, id]) => [at, id])).toEqual([
        [askAt, 'ask'],
        ['2025-06-08T10:40:00.000-04:00', 'thanks'],
      ]);
    });

    it('no reply: nudges once after the timeout, then alerts the staff', () => {
      const result = simulateTimeline({ definition: twoWayConfirm, context: appointmentContext(startsAt), startAt: bookedAt });
      expect(sends(result)).toEqual([
        [askAt, 'ask', 'confirm-ask'],
        ['2025-06-08T22:00:00.000-04:00', 'nudge', 'confirm-nudge'],
        ['2025-06-09T10:00:00.000-04:00', 'staff', 'notifyStaff'],
      ]);
      expect(result.endedBy.nodeId).toBe('endUnconfirmed');
    });

    it('a reply after the nudge confirms', () => {
      const result = simulateTimeline({
        definition: twoWayConfirm,
        context: appointmentContext(startsAt),
        startAt: bookedAt,
        events: [{ at: '2025-06-09T07:00:00-04:00', type: 'reply', body: 'C' }],
      });
      expect(sends(result).map(([, id]) => id)).toEqual(['ask', 'nudge', 'thanks']);
      // The wait was entered twice; its second visit is a new occurrence.
      expect(result.path.filter((id) => id === 'reply')).toHaveLength(2);
    });
  });

  describe('no-show defense', () => {
    it('no check-in by start + 15 min: no-show, fee, reputation −20, notice — in that order, once', () => {
      const result = simulateTimeline({ definition: noShowDefense, context: appointmentContext(startsAt), startAt: bookedAt });
      const graceEnd = '2025-06-10T10:15:00.000-04:00';
      expect(result.actions.map((entry) => [entry.at, entry.action?.type])).toEqual([
        [graceEnd, 'updateAppointment'],
        [graceEnd, 'chargeNoShowFee'],
        [graceEnd, 'adjustReputation'],
        [graceEnd, 'sendSms'],
      ]);
      expect(result.actions[0].action?.input).toEqual({ status: 'no_show' });
      expect(result.actions[1].action?.input).toEqual({ mode: 'escalating', amountsCents: [2500, 3500, 5000] });
      expect(result.actions[2].action?.input).toEqual({ delta: -20, reason: 'no-show' });
    });

    it('a check-in takes the event exit: nothing happens', () => {
      const result = simulateTimeline({
        definition: noShowDefense,
        context: appointmentContext(startsAt),
        startAt: bookedAt,
        events: [{ at: '2025-06-10T10:07:00-04:00', type: 'checked_in' }],
      });
      expect(result.actions).toEqual([]);
      expect(result.endedBy.nodeId).toBe('endArrived');
    });

    it('the grace deadline moves with a reschedule', () => {
      const result = simulateTimeline({
        definition: noShowDefense,
        context: appointmentContext(startsAt),
        startAt: bookedAt,
        events: [{ at: '2025-06-03T09:00:00-04:00', type: 'rescheduled', startsAt: '2025-06-11T09:00:00-04:00' }],
      });
      expect(result.actions[0].at).toBe('2025-06-11T09:15:00.000-04:00');
    });
  });

  it('after visit: +5 when on time, thank-you 2 h later with the review link', () => {
    const context = appointmentContext(startsAt, {
      event: { type: 'appointment.completed', at: '2025-06-10T11:00:00-04:00' },
    });
    context.appointment = { ...context.appointment!, status: 'completed', arrivedAt: '2025-06-10T09:58:00-04:00' };
    const result = simulateTimeline({ definition: afterVisit, context, startAt: '2025-06-10T11:00:00-04:00' });
    expect(result.actions.map((entry) => [entry.at, entry.nodeId])).toEqual([
      ['2025-06-10T11:00:00.000-04:00', 'rep5'],
      ['2025-06-10T13:00:00.000-04:00', 'thanks'],
    ]);
    expect(result.actions[1].action?.input.variables).toEqual({ reviewUrl: '{{tenant.reviewUrl}}' });

    context.appointment = { ...context.appointment!, arrivedAt: '2025-06-10T10:20:00-04:00' };
    const late = simulateTimeline({ definition: afterVisit, context, startAt: '2025-06-10T11:00:00-04:00' });
    expect(late.actions.map((entry) => entry.nodeId)).toEqual(['rep2', 'thanks']);
  });

  it('vaccination alerts 30, 14 and 7 days before expiry, stopped by a renewal', () => {
    const context = appointmentContext(startsAt, { event: { type: 'vaccination.recorded', at: '2025-01-02T12:00:00-05:00' } });
    context.vaccination = { id: 'vac-1', name: 'Rabies', petName: 'Rex', expiresAt: '2025-09-01T00:00:00-04:00' };
    const all = simulateTimeline({ definition: vaccinationAlerts, context, startAt: '2025-01-02T12:00:00-05:00' });
    expect(all.actions.map((entry) => [entry.at.slice(0, 16), entry.nodeId])).toEqual([
      ['2025-08-02T00:00', 'a30'],
      ['2025-08-18T00:00', 'a14'],
      ['2025-08-25T00:00', 'a7'],
    ]);
    const renewed = simulateTimeline({
      definition: vaccinationAlerts,
      context,
      startAt: '2025-01-02T12:00:00-05:00',
      events: [{ at: '2025-08-10T12:00:00-04:00', type: 'vaccination.renewed', vaccination: { renewedAt: '2025-08-10T12:00:00-04:00' } }],
    });
    expect(renewed.actions.map((entry) => entry.nodeId)).toEqual(['a30']);
    expect(renewed.endedBy).toMatchObject({ reason: 'goal', nodeId: 'renewed' });
  });

  it('skips sends to a customer who opted out, as the send activity would', () => {
    const context = appointmentContext(startsAt);
    context.customer = { ...context.customer!, smsOptIn: false };
    const result = simulateTimeline({ definition: bookingConfirmation, context, startAt: bookedAt });
    expect(result.actions.map((entry) => [entry.nodeId, entry.action?.status])).toEqual([
      ['sms', 'skipped'],
      ['email', 'ok'],
    ]);
  });

  it('is deterministic: same input, same timeline and keys', () => {
    const input = { definition: twoWayConfirm, context: appointmentContext(startsAt), startAt: bookedAt, ids: { workflowId: 'appointment:t1:a1', automationId: 'auto-7' } };
    const one = simulateTimeline(input);
    const two = simulateTimeline(input);
    expect(two).toEqual(one);
    expect(one.actions[0].action?.idempotencyKey).toBe('af:appointment:t1:a1/auto-7/ask/1');
  });
});
