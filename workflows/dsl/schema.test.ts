import { parseIsoDuration } from './duration';
import { TRIGGER_EVENTS } from './events';
import { NODE_TYPES } from './nodes/registry';
import { automationDefinitionSchema, isCronExpression, nodeExits, type AutomationNode } from './schema';
import { ALL_DEFINITIONS, node } from './__fixtures__/definitions';

const designExample = {
  schemaVersion: 1,
  name: 'Reminders',
  trigger: { event: 'appointment.booked', filter: { '==': [{ var: 'service.category' }, 'grooming'] } },
  nodes: [
    { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
    { id: 'w1', type: 'wait', position: { x: 0, y: 120 }, data: { until: { anchor: 'appointment.startsAt', offset: '-PT24H' }, ifPast: 'skip' } },
    { id: 's1', type: 'sendSms', position: { x: 0, y: 240 }, data: { templateId: 'reminder-24h' } },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'w1' },
    { id: 'e2', source: 'w1', target: 's1' },
  ],
};

describe('automation definition schema', () => {
  it('accepts the example from DESIGN.md', () => {
    expect(automationDefinitionSchema.safeParse(designExample).success).toBe(true);
  });

  it('accepts every product automation', () => {
    for (const definition of Object.values(ALL_DEFINITIONS)) {
      const result = automationDefinitionSchema.safeParse(definition);
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  it('drops canvas-only keys on nodes but rejects unknown keys in node data', () => {
    const withCanvasKeys = structuredClone(designExample) as { nodes: Array<{ data: Record<string, unknown> } & Record<string, unknown>> };
    withCanvasKeys.nodes[0].selected = true;
    expect(automationDefinitionSchema.safeParse(withCanvasKeys).success).toBe(true);
    withCanvasKeys.nodes[1].data.ifpast = 'skip';
    expect(automationDefinitionSchema.safeParse(withCanvasKeys).success).toBe(false);
  });

  it('needs a schedule exactly for schedule triggers', () => {
    const noSchedule = { ...designExample, trigger: { event: 'schedule' } };
    expect(automationDefinitionSchema.safeParse(noSchedule).success).toBe(false);
    const scheduled = { ...designExample, trigger: { event: 'schedule', schedule: { cron: '0 9 * * 1-5', timezone: 'Europe/Paris' } } };
    expect(automationDefinitionSchema.safeParse(scheduled).success).toBe(true);
    const badZone = { ...designExample, trigger: { event: 'schedule', schedule: { cron: '0 9 * * *', timezone: 'Mars/Olympus' } } };
    expect(automationDefinitionSchema.safeParse(badZone).success).toBe(false);
  });

  it('lists the trigger events of the design', () => {
    expect(TRIGGER_EVENTS).toEqual(expect.arrayContaining(['appointment.booked', 'appointment.no_show', 'vaccination.recorded', 'message.received', 'schedule', 'manual']));
  });

  it('validates cron expressions', () => {
    expect(isCronExpression('0 9 * * *')).toBe(true);
    expect(isCronExpression('*/15 8-18 * * 1,3,5')).toBe(true);
    expect(isCronExpression('0 25 * * *')).toBe(false);
    expect(isCronExpression('0 9 * *')).toBe(false);
    expect(isCronExpression('@daily')).toBe(false);
  });
});

describe('node exits', () => {
  const exits = (n: AutomationNode): string[] => nodeExits(n);

  it('names the exits of each node type', () => {
    expect(exits(node('a', 'trigger'))).toEqual(['next']);
    expect(exits(node('a', 'wait', { duration: 'PT1H' }))).toEqual(['next']);
    expect(exits(node('a', 'waitForEvent', { events: ['message.received'], timeout: 'PT1H' }))).toEqual(['event', 'timeout']);
    expect(exits(node('a', 'condition', { rule: true }))).toEqual(['true', 'false']);
    expect(exits(node('a', 'split', { variants: [{ id: 'a', label: 'A', weight: 1 }, { id: 'b', label: 'B', weight: 1 }] }))).toEqual(['a', 'b']);
    expect(exits(node('a', 'sendSms', { templateId: 'x' }))).toEqual(['next', 'failed']);
    expect(exits(node('a', 'goal', { rule: true }))).toEqual([]);
    expect(exits(node('a', 'end'))).toEqual([]);
  });

  it('covers every registered node type', () => {
    expect(NODE_TYPES).toHaveLength(21);
  });
});

describe('ISO-8601 durations', () => {
  it('parses signed durations', () => {
    expect(parseIsoDuration('-PT24H')).toMatchObject({ sign: -1, hours: 24 });
    expect(parseIsoDuration('P30D')).toMatchObject({ sign: 1, days: 30 });
    expect(parseIsoDuration('P1DT2H30M')).toMatchObject({ days: 1, hours: 2, minutes: 30 });
  });

  it.each(['PT', 'P', '24h', 'PT-2H', 'P1.5D', '', 'T1H', '1 day'])('refuses %p', (text) => {
    expect(parseIsoDuration(text)).toBeNull();
  });
});
