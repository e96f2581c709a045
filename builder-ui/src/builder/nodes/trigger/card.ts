import { describeCron, eventPhrase } from '../../describe/events';
import { describeRule } from '../../describe/rules';
import type { NodeEnv } from '../types';

export function triggerSentence(_data: unknown, env: NodeEnv): string {
  const { event, filter, schedule } = env.trigger;
  const when = event === 'schedule' ? `Run ${describeCron(schedule?.cron)}` : event === 'manual' ? 'Start by hand' : `When ${eventPhrase(event)}`;
  return filter === undefined ? when : `${when}, if ${describeRule(filter)}`;
}
