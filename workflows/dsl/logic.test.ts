import { checkRule, evaluateCondition, evaluateRule, evaluateValue, extractVars } from './logic';
import { hasContextPath } from './context';

describe('JSON Logic', () => {
  const data = {
    customer: { reputationScore: 42, tags: ['vip'], lastVisitAt: '2025-01-01T10:00:00Z' },
    appointment: { startsAt: '2025-03-10T10:00:00-04:00', arrivedAt: '2025-03-10T14:03:00Z' },
    pets: [{ name: 'Rex', species: 'dog' }],
    now: '2025-03-02T10:00:00Z',
  };

  it('evaluates conditions over the context', () => {
    expect(evaluateCondition({ '<': [{ var: 'customer.reputationScore' }, 50] }, data)).toEqual({ value: true });
    expect(evaluateCondition({ in: ['vip', { var: 'customer.tags' }] }, data).value).toBe(true);
    expect(evaluateCondition({ some: [{ var: 'pets' }, { '==': [{ var: 'species' }, 'cat'] }] }, data).value).toBe(false);
  });

  it('compares times whatever their offsets and counts days', () => {
    const onTime = { '<=': [{ timestamp: { var: 'appointment.arrivedAt' } }, { '+': [{ timestamp: { var: 'appointment.startsAt' } }, 300000] }] };
    expect(evaluateCondition(onTime, data).value).toBe(true);
    expect(evaluateRule({ daysBetween: [{ var: 'customer.lastVisitAt' }, { var: 'now' }] }, data)).toEqual({ ok: true, value: 60 });
  });

  it('refuses unsafe rules instead of running them', () => {
    expect(checkRule({ log: 'x' })).toEqual(['unknown operator "log"']);
    expect(checkRule({ var: 'constructor.constructor' })[0]).toContain('not allowed');
    expect(checkRule({ var: { cat: ['__pro', 'to__'] } })[0]).toContain('not compute');
    expect(evaluateRule({ 'Math.random': [] }, data).ok).toBe(false);
    let deep: unknown = true;
    for (let i = 0; i < 40; i += 1) deep = { '!': deep };
    expect(evaluateRule(deep, data).ok).toBe(false);
  });

  it('never throws: a failing rule is false with the reason', () => {
    expect(evaluateCondition({ teleport: [1] }, data)).toEqual({ value: false, error: 'unknown operator "teleport"' });
  });

  it('treats literals as values and rules as expressions', () => {
    expect(evaluateValue(5, data)).toEqual({ ok: true, value: 5 });
    expect(evaluateValue({ note: 'plain object' }, data)).toEqual({ ok: true, value: { note: 'plain object' } });
    expect(evaluateValue({ '+': [{ var: 'customer.reputationScore' }, 1] }, data)).toEqual({ ok: true, value: 43 });
  });

  it('extracts the paths a rule reads, scoping array items', () => {
    const rule = {
      and: [
        { '==': [{ var: ['customer.smsOptIn', false] }, true] },
        { some: [{ var: 'pets' }, { '==': [{ var: 'species' }, 'dog'] }] },
        { missing: ['customer.email'] },
        { reduce: [{ var: 'pets' }, { '+': [{ var: 'accumulator' }, 1] }, 0] },
      ],
    };
    expect(extractVars(rule).sort()).toEqual(['customer.email', 'customer.smsOptIn', 'pets', 'pets[].species']);
    expect(extractVars(rule).every((path) => hasContextPath(path))).toBe(true);
  });
});

describe('context paths', () => {
  it('knows the declared paths, array items and open payloads', () => {
    expect(hasContextPath('appointment.startsAt')).toBe(true);
    expect(hasContextPath('pets.0.name')).toBe(true);
    expect(hasContextPath('customer.tags.1')).toBe(true);
    expect(hasContextPath('event.data.anything.deep')).toBe(true);
    expect(hasContextPath('customer.ssn')).toBe(false);
    expect(hasContextPath('vars.count', { vars: ['count'] })).toBe(true);
    expect(hasContextPath('vars.other', { vars: ['count'] })).toBe(false);
  });
});
