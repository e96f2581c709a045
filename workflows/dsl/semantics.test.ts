import { completeAction, goalReached, idempotencyKey, receiveEvent, startRun, step, triggerMatches, type RunIds, type StepInput } from './semantics';
import { type AutomationDefinition } from './schema';
import { appointmentContext, edge, node, reminders, noShowDefense } from './__fixtures__/definitions';

const ids: RunIds = { workflowId: 'appointment:tenant-1:appt-1', automationId: 'auto-1' };
const startsAt = '2025-06-10T10:00:00-04:00';
const ms = (iso: string): number => Date.parse(iso);

function runUntilBlocked(input: StepInput): StepInput & { last: ReturnType<typeof step> } {
  let current = input;
  for (let i = 0; i < 50; i += 1) {
    const out = step(current);
    current = { ...current, state: out.state, context: out.context };
    if (out.decision.kind !== 'goto') return { ...current, last: out };
  }
  throw new Error('did not block');
}

describe('step machine', () => {
  const base = (): StepInput => ({
    definition: reminders,
    state: startRun({ definition: reminders, at: '2025-06-01T12:00:00-04:00' }),
    context: appointmentContext(startsAt),
    now: '2025-06-01T12:00:00-04:00',
    ids,
  });

  it('sleeps until 24 h before the start, then asks for the send with a run-independent key', () => {
    const blocked = runUntilBlocked(base());
    expect(blocked.last.decision).toMatchObject({ kind: 'sleepUntil', nodeId: 'w24', at: ms('2025-06-09T10:00:00-04:00'), resumeTo: 'email24' });
    const woke = runUntilBlocked({ ...blocked, now: ms('2025-06-09T10:00:00.020-04:00') });
    expect(woke.last.decision).toMatchObject({
      kind: 'action',
      actionType: 'sendEmail',
      nodeId: 'email24',
      idempotencyKey: 'af:appointment:tenant-1:appt-1/auto-1/email24/1',
      input: { templateId: 'reminder-24h', attachIcs: true },
    });
    // Asking again (a replay, a retry) gives the same action and key.
    expect(step(woke).decision).toEqual(woke.last.decision);
  });

  it('a late wake-up (worker down for hours) still sends: the time was planned, not skipped', () => {
    const blocked = runUntilBlocked(base());
    const late = runUntilBlocked({ ...blocked, now: ms('2025-06-09T14:00:00-04:00') });
    expect(late.last.decision).toMatchObject({ kind: 'action', nodeId: 'email24' });
  });

  it('a reschedule re-resolves the sleeping wait', () => {
    const blocked = runUntilBlocked(base());
    const event = receiveEvent({
      ...blocked,
      now: ms('2025-06-05T09:00:00-04:00'),
      event: { type: 'appointment.rescheduled', at: '2025-06-05T09:00:00-04:00', appointment: { startsAt: '2025-06-20T09:00:00-04:00' } },
    });
    expect(event.matched).toBe(false);
    expect(event.context.appointment).toMatchObject({ startsAt: '2025-06-20T09:00:00-04:00', previousStartsAt: startsAt });
    const again = step({ ...blocked, state: event.state, context: event.context, now: ms('2025-06-05T09:00:00-04:00') });
    expect(again.decision).toMatchObject({ kind: 'sleepUntil', at: ms('2025-06-19T09:00:00-04:00') });
  });

  it('a reschedule into the past follows ifPast: skip skips the slot', () => {
    const blocked = runUntilBlocked(base());
    const now = ms('2025-06-05T09:00:00-04:00');
    const event = receiveEvent({ ...blocked, now, event: { type: 'appointment.rescheduled', at: '2025-06-05T09:00:00-04:00', appointment: { startsAt: '2025-06-05T20:00:00-04:00' } } });
    const next = runUntilBlocked({ ...blocked, state: event.state, context: event.context, now });
    expect(next.last.decision).toMatchObject({ kind: 'sleepUntil', nodeId: 'w2', at: ms('2025-06-05T18:00:00-04:00') });
    expect(next.state.path).toContain('email24');
  });

  it('a wait still ahead when the run was triggered, reached after its time (a busy worker), sends late instead of skipping', () => {
    const bookedAt = '2025-06-09T09:59:50-04:00';
    const context = { ...appointmentContext(startsAt), event: { type: 'appointment.booked' as const, at: bookedAt } };
    // The run gets to the 24 h wait 20 s after the booking, 10 s after its time.
    const now = ms('2025-06-09T10:00:10-04:00');
    const reached = runUntilBlocked({ ...base(), context, state: startRun({ definition: reminders, at: now }), now });
    expect(reached.last.decision).toMatchObject({ kind: 'action', nodeId: 'email24' });
    expect(reached.state.skippingSince).toBeUndefined();
    // Runs recorded before this rule keep the old answer: past, skipped.
    const legacy = runUntilBlocked({ ...base(), context, state: startRun({ definition: reminders, at: now }), now, lateIsDue: false });
    expect(legacy.last.decision).toMatchObject({ kind: 'sleepUntil', nodeId: 'w2' });
    // Already past when the booking was made: ifPast decides, as before.
    const bookedLate = { ...context, event: { type: 'appointment.booked' as const, at: '2025-06-09T10:00:05-04:00' } };
    const past = runUntilBlocked({ ...base(), context: bookedLate, state: startRun({ definition: reminders, at: now }), now });
    expect(past.last.decision).toMatchObject({ kind: 'sleepUntil', nodeId: 'w2' });
    expect(past.state.path).toContain('email24');
  });

  it('ifPast continue sends right away', () => {
    const definition = structuredClone(reminders);
    const wait = definition.nodes.find((n) => n.id === 'w24');
    if (wait?.type === 'wait') wait.data.ifPast = 'continue';
    const now = ms('2025-06-10T07:00:00-04:00');
    const blocked = runUntilBlocked({ ...base(), definition, state: startRun({ definition, at: now }), now });
    expect(blocked.last.decision).toMatchObject({ kind: 'action', nodeId: 'email24' });
  });

  it('checks goals before every step', () => {
    const blocked = runUntilBlocked(base());
    const cancelled = receiveEvent({ ...blocked, event: { type: 'appointment.cancelled', at: '2025-06-02T00:00:00Z' } });
    expect(goalReached(reminders, cancelled.context)).toBe('goal-cancelled');
    expect(step({ ...blocked, context: cancelled.context }).decision).toMatchObject({ kind: 'end', reason: 'goal', nodeId: 'goal-cancelled' });
  });

  it('waitForEvent leaves through event on a matching event and keeps waiting otherwise', () => {
    const input: StepInput = { ...base(), definition: noShowDefense, state: startRun({ definition: noShowDefense, at: '2025-06-01T12:00:00-04:00' }) };
    const blocked = runUntilBlocked(input);
    expect(blocked.last.decision).toMatchObject({ kind: 'waitForEvent', deadline: ms('2025-06-10T10:15:00-04:00'), exits: { event: 'endArrived', timeout: 'mark' } });
    const other = receiveEvent({ ...blocked, event: { type: 'appointment.confirmed', at: '2025-06-02T00:00:00Z' } });
    expect(other.matched).toBe(false);
    const arrived = receiveEvent({ ...blocked, event: { type: 'appointment.checked_in', at: '2025-06-10T14:05:00Z' } });
    expect(arrived.matched).toBe(true);
    expect(arrived.state.nodeId).toBe('endArrived');
    expect(arrived.context.appointment).toMatchObject({ status: 'checked_in', arrivedAt: '2025-06-10T14:05:00Z' });
  });

  it('a failed action takes its failed exit, or ends the run when it has none', () => {
    const definition: AutomationDefinition = {
      schemaVersion: 1,
      name: 'Failure',
      trigger: { event: 'appointment.booked' },
      nodes: [node('t', 'trigger'), node('sms', 'sendSms', { templateId: 'x' }), node('email', 'sendEmail', { templateId: 'y' }), node('end', 'end')],
      edges: [edge('t', 'sms'), edge('sms', 'end'), edge('sms', 'email', 'failed'), edge('email', 'end')],
    };
    const input: StepInput = { ...base(), definition, state: startRun({ definition, at: 0 }) };
    const atSms = runUntilBlocked(input);
    const failed = completeAction({ ...atSms, result: { status: 'failed', detail: 'Twilio 21610: blocked' } });
    expect(failed.decision).toMatchObject({ kind: 'goto', handle: 'failed', to: 'email' });
    const atEmail = runUntilBlocked({ ...atSms, state: failed.state });
    const failedAgain = completeAction({ ...atEmail, result: { status: 'failed', detail: 'bad address' } });
    expect(failedAgain.decision).toMatchObject({ kind: 'end', reason: 'actionFailed', nodeId: 'email' });
  });

  it('actions update the context the next nodes see', () => {
    const input: StepInput = { ...base(), definition: noShowDefense, state: startRun({ definition: noShowDefense, at: '2025-06-01T12:00:00-04:00' }) };
    let current = runUntilBlocked(input);
    current = runUntilBlocked({ ...current, now: ms('2025-06-10T10:15:00-04:00') });
    const statuses: unknown[] = [];
    while (current.last.decision.kind === 'action') {
      const done = completeAction({ ...current, result: { status: 'ok' } });
      statuses.push([current.last.decision.actionType, done.context.appointment?.status, done.context.customer?.reputationScore]);
      current = runUntilBlocked({ ...current, state: done.state, context: done.context });
    }
    expect(statuses).toEqual([
      ['updateAppointment', 'no_show', 80],
      ['chargeNoShowFee', 'no_show', 80],
      ['adjustReputation', 'no_show', 60],
      ['sendSms', 'no_show', 60],
    ]);
    expect(current.last.decision).toMatchObject({ kind: 'end', reason: 'end' });
  });

  it('stops a run that loops without ever blocking', () => {
    const definition: AutomationDefinition = {
      schemaVersion: 1,
      name: 'Past loop',
      trigger: { event: 'appointment.booked' },
      nodes: [node('t', 'trigger'), node('w', 'wait', { until: { anchor: 'appointment.startsAt', offset: '-P1D' }, ifPast: 'continue' }), node('tag', 'setVariable', { name: 'n', value: 1 })],
      edges: [edge('t', 'w'), edge('w', 'tag'), edge('tag', 'w')],
    };
    let input: StepInput = { ...base(), definition, state: startRun({ definition, at: ms('2025-06-10T12:00:00Z') }), now: ms('2025-06-10T12:00:00Z') };
    let last = step(input);
    for (let i = 0; i < 5000 && last.decision.kind === 'goto'; i += 1) {
      input = { ...input, state: last.state, context: last.context };
      last = step(input);
    }
    expect(last.decision).toMatchObject({ kind: 'end', reason: 'loopGuard' });
  });

  it('run state survives JSON (continue-as-new) and occurrences count revisits', () => {
    const blocked = runUntilBlocked(base());
    const revived = JSON.parse(JSON.stringify(blocked.state));
    expect(step({ ...blocked, state: revived }).decision).toEqual(blocked.last.decision);
    expect(idempotencyKey({ ...ids, nodeId: 'nudge', occurrence: 2, triggerKey: 'evt-3' })).toBe('af:appointment:tenant-1:appt-1/auto-1/evt-3/nudge/2');
  });

  it('matches triggers on event and filter', () => {
    const definition = { ...reminders, trigger: { event: 'appointment.booked' as const, filter: { '==': [{ var: 'service.category' }, 'grooming'] } } };
    const context = appointmentContext(startsAt);
    expect(triggerMatches(definition, 'appointment.booked', context, 0)).toBe(true);
    expect(triggerMatches(definition, 'appointment.completed', context, 0)).toBe(false);
    expect(triggerMatches(definition, 'appointment.booked', { ...context, service: { category: 'bath' } }, 0)).toBe(false);
  });
});
