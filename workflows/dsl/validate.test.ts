import { validateDefinition, type ValidationProblem } from './validate';
import { type AutomationDefinition } from './schema';
import { ALL_DEFINITIONS, TEMPLATE_IDS, edge, node, reminders } from './__fixtures__/definitions';

function clone(definition: AutomationDefinition): AutomationDefinition {
  return structuredClone(definition);
}

function codes(problems: ValidationProblem[]): string[] {
  return problems.map((problem) => problem.code).sort();
}

describe('validateDefinition', () => {
  it('accepts every product automation with its templates', () => {
    for (const [name, definition] of Object.entries(ALL_DEFINITIONS)) {
      const result = validateDefinition(definition, { templateIds: TEMPLATE_IDS });
      expect({ name, problems: result.problems }).toEqual({ name, problems: [] });
      expect(result.ok).toBe(true);
    }
  });

  it('requires exactly one trigger and names the extra one', () => {
    const none = clone(reminders);
    none.nodes = none.nodes.filter((n) => n.type !== 'trigger');
    none.edges = none.edges.filter((e) => e.source !== 't');
    expect(validateDefinition(none).problems).toContainEqual(expect.objectContaining({ code: 'NO_TRIGGER' }));

    const two = clone(reminders);
    two.nodes.push(node('t2', 'trigger'));
    two.edges.push(edge('t2', 'end'));
    const result = validateDefinition(two);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'MULTIPLE_TRIGGERS', nodeId: 't2' }));
  });

  it('reports unreachable nodes by id', () => {
    const def = clone(reminders);
    def.nodes.push(node('orphan', 'sendSms', { templateId: 'reminder-2h' }), node('orphanEnd', 'end'));
    def.edges.push(edge('orphan', 'orphanEnd'));
    const problems = validateDefinition(def).problems.filter((p) => p.code === 'UNREACHABLE');
    expect(problems.map((p) => p.nodeId).sort()).toEqual(['orphan', 'orphanEnd']);
  });

  it('reports dangling edges by edge id', () => {
    const def = clone(reminders);
    def.edges.push({ id: 'ghost', source: 'sms2', target: 'nowhere', sourceHandle: 'failed' });
    expect(validateDefinition(def).problems).toContainEqual(expect.objectContaining({ code: 'DANGLING_EDGE', edgeId: 'ghost' }));
  });

  it('reports edges through exits a node does not have, and exits left unwired', () => {
    const def = clone(reminders);
    const e = def.edges.find((x) => x.source === 'w24');
    if (e) e.sourceHandle = 'true';
    const problems = validateDefinition(def).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_EXIT', edgeId: e?.id, nodeId: 'w24' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'EXIT_UNWIRED', nodeId: 'w24' }));
  });

  it('requires every exit wired: a condition with one branch is a problem, an action without a failed exit is not', () => {
    const def: AutomationDefinition = {
      schemaVersion: 1,
      name: 'Half a condition',
      trigger: { event: 'appointment.booked' },
      nodes: [node('t', 'trigger'), node('c', 'condition', { rule: { '==': [{ var: 'customer.smsOptIn' }, true] } }), node('s', 'sendSms', { templateId: 'x' }), node('end', 'end')],
      edges: [edge('t', 'c'), edge('c', 's', 'true'), edge('s', 'end')],
    };
    const problems = validateDefinition(def).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'EXIT_UNWIRED', nodeId: 'c' })]);
    expect(problems[0].message).toContain('false');
  });

  it('refuses a cycle without a wait and names every node in it', () => {
    const def: AutomationDefinition = {
      schemaVersion: 1,
      name: 'Spam loop',
      trigger: { event: 'appointment.booked' },
      nodes: [node('t', 'trigger'), node('a', 'sendSms', { templateId: 'x' }), node('b', 'addTag', { tag: 'spammed' })],
      edges: [edge('t', 'a'), edge('a', 'b'), edge('b', 'a')],
    };
    const problems = validateDefinition(def).problems.filter((p) => p.code === 'CYCLE_WITHOUT_WAIT');
    expect(problems.map((p) => p.nodeId).sort()).toEqual(['a', 'b']);
  });

  it('accepts a loop that goes through a wait (the nudge loop), and finds a wait-less inner loop', () => {
    expect(validateDefinition(ALL_DEFINITIONS.twoWayConfirm).ok).toBe(true);
    const def: AutomationDefinition = {
      schemaVersion: 1,
      name: 'Inner loop',
      trigger: { event: 'appointment.booked' },
      nodes: [
        node('t', 'trigger'),
        node('a', 'condition', { rule: true }),
        node('w', 'wait', { duration: 'PT1H' }),
        node('b', 'addTag', { tag: 'x' }),
      ],
      edges: [edge('t', 'a'), edge('a', 'w', 'true'), edge('w', 'a'), edge('a', 'b', 'false'), edge('b', 'a')],
    };
    const problems = validateDefinition(def).problems.filter((p) => p.code === 'CYCLE_WITHOUT_WAIT');
    expect(problems.map((p) => p.nodeId).sort()).toEqual(['a', 'b']);
  });

  it('treats a self-loop as a cycle unless the node is a wait', () => {
    const def = (looping: 'addTag' | 'wait'): AutomationDefinition => ({
      schemaVersion: 1,
      name: 'Self loop',
      trigger: { event: 'appointment.booked' },
      nodes: [node('t', 'trigger'), looping === 'wait' ? node('x', 'wait', { duration: 'P1D' }) : node('x', 'addTag', { tag: 'again' })],
      edges: [edge('t', 'x'), edge('x', 'x')],
    });
    expect(validateDefinition(def('addTag')).problems).toEqual([expect.objectContaining({ code: 'CYCLE_WITHOUT_WAIT', nodeId: 'x' })]);
    expect(validateDefinition(def('wait')).problems).toEqual([]);
  });

  it('reports a bad duration on its node', () => {
    const def = clone(reminders);
    const wait = def.nodes.find((n) => n.id === 'w2');
    if (wait?.type === 'wait' && wait.data.until) wait.data.until.offset = '2 hours before';
    const problems = validateDefinition(def).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'BAD_DURATION', nodeId: 'w2', path: 'nodes.3.data.until.offset' }));
  });

  it('keeps checking the rest when one node fails its schema', () => {
    const def = clone(reminders) as unknown as { nodes: Array<Record<string, unknown>> };
    def.nodes[3].data = { until: { anchor: 'appointment.startsAt', offset: 'soon' } };
    def.nodes[4].data = { templateId: 'missing-template' };
    const problems = validateDefinition(def, { templateIds: ['reminder-24h'] }).problems;
    expect(codes(problems)).toEqual(['BAD_DURATION', 'UNKNOWN_TEMPLATE']);
  });

  it('reports unknown templates when the template ids are given', () => {
    const problems = validateDefinition(reminders, { templateIds: ['reminder-24h'] }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_TEMPLATE', nodeId: 'sms2', path: 'nodes.4.data.templateId' })]);
  });

  it('reports unknown context variables in rules, templates and unset vars', () => {
    const def: AutomationDefinition = {
      schemaVersion: 1,
      name: 'Typos',
      trigger: { event: 'appointment.booked', filter: { '==': [{ var: 'servce.category' }, 'grooming'] } },
      nodes: [
        node('t', 'trigger'),
        node('c', 'condition', { rule: { and: [{ '>': [{ var: 'customer.reputationScore' }, 50] }, { var: 'vars.neverSet' }, { some: [{ var: 'pets' }, { '==': [{ var: 'species' }, 'dog'] }] }] } }),
        node('s', 'sendSms', { templateId: 'x', variables: { greeting: 'Hi {{customer.frstName}} {{formatDate appointment.startsAt}}' } }),
        node('end', 'end'),
      ],
      edges: [edge('t', 'c'), edge('c', 's', 'true'), edge('c', 'end', 'false'), edge('s', 'end')],
    };
    const problems = validateDefinition(def).problems;
    expect(problems.map((p) => [p.code, p.nodeId, p.message.match(/"([^"]+)"/)?.[1]])).toEqual([
      ['UNKNOWN_VARIABLE', 't', 'servce.category'],
      ['UNKNOWN_VARIABLE', 'c', 'vars.neverSet'],
      ['UNKNOWN_VARIABLE', 's', 'customer.frstName'],
    ]);
  });

  it('reports unsafe or unknown JSON Logic on the node', () => {
    const def = clone(reminders);
    def.nodes.push(node('bad', 'goal', { rule: { log: { var: 'customer.phone' } } }));
    expect(validateDefinition(def).problems).toContainEqual(expect.objectContaining({ code: 'BAD_RULE', nodeId: 'bad' }));
  });

  it('refuses edges into a goal, which stands apart from the flow', () => {
    const def = clone(reminders);
    def.edges.push({ id: 'toGoal', source: 'sms2', target: 'goal-cancelled', sourceHandle: 'failed' });
    expect(validateDefinition(def).problems).toContainEqual(expect.objectContaining({ code: 'GOAL_WIRED', edgeId: 'toGoal', nodeId: 'goal-cancelled' }));
  });

  it('reports duplicate ids and unknown node types', () => {
    const def = clone(reminders) as unknown as { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };
    def.nodes.push({ id: 'w24', type: 'wait', position: { x: 0, y: 0 }, data: { duration: 'PT1H' } });
    def.nodes.push({ id: 'weird', type: 'teleport', position: { x: 0, y: 0 }, data: {} });
    def.edges.push({ ...def.edges[0] });
    const problems = validateDefinition(def).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_NODE_ID', nodeId: 'w24' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_EDGE_ID' }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'weird' }));
  });

  it('enforces size limits', () => {
    const def = clone(reminders);
    for (let i = 0; i < 5; i += 1) def.nodes.push(node(`extra${i}`, 'end'));
    const tooMany = validateDefinition(def, { maxNodes: 8 }).problems;
    expect(tooMany).toContainEqual(expect.objectContaining({ code: 'TOO_MANY_NODES' }));

    const big = clone(reminders);
    big.description = 'x'.repeat(1999);
    expect(validateDefinition(big, { maxBytes: 1024 }).problems).toContainEqual(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(validateDefinition(reminders).ok).toBe(true);
  });

  it('answers non-objects with a problem instead of throwing', () => {
    expect(validateDefinition(null).problems[0].code).toBe('SCHEMA');
    expect(validateDefinition('{}').ok).toBe(false);
  });
});
