import { inspectTemplate } from '../../../activities/messaging/render';
import { validateDefinition } from '../../../workflows/dsl';
import { TEMPLATE_HELPERS } from '../../../activities/messaging/render';
import { seededAutomations } from '../automations/definitions';
import { DEFAULT_TEMPLATES } from './default-templates';

describe('default message templates', () => {
  test('every seeded automation validates against the default template keys', () => {
    const templateIds = DEFAULT_TEMPLATES.map((template) => template.key);
    for (const seed of seededAutomations('Europe/Paris')) {
      expect([seed.key, validateDefinition(seed.definition, { templateIds, templateHelpers: [...TEMPLATE_HELPERS] }).problems]).toEqual([seed.key, []]);
    }
  });

  test.each(DEFAULT_TEMPLATES.map((template) => [template.key, template] as const))('%s uses only known variables and helpers', (_key, template) => {
    expect(inspectTemplate(template)).toEqual([]);
  });
});
