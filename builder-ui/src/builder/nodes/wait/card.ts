import { humanDuration, isNegative } from '../../describe/duration';
import { anchorNoun } from '../../describe/paths';
import type { DraftData } from '../types';

export function relativeTime(until: { anchor?: string; offset?: string } | undefined): string {
  if (!until?.anchor) return 'a time not chosen yet';
  const offset = until.offset;
  if (!offset || /^[+-]?P(T0[HMS]|0[DW])$/.test(offset)) return `when ${anchorNoun(until.anchor, 'at')}`;
  return isNegative(offset) ? `${humanDuration(offset)} before ${anchorNoun(until.anchor, 'before')}` : `${humanDuration(offset)} after ${anchorNoun(until.anchor, 'after')}`;
}

export function waitSentence(data: DraftData<'wait'>): string {
  if (data.duration) return `Wait ${humanDuration(data.duration)}`;
  if (data.until) return `Wait until ${relativeTime(data.until)}`;
  const local = data.untilLocalTime;
  if (local) {
    const days = local.daysOffset ?? 0;
    const day = days === 0 ? (local.anchor ? 'on the day of' : 'the next') : `${Math.abs(days)} day${Math.abs(days) === 1 ? '' : 's'} ${days < 0 ? 'before' : 'after'}`;
    const base = local.anchor ? `${day} ${anchorNoun(local.anchor, 'before')}` : days === 0 ? 'the next time it comes' : `${day} today`;
    return `Wait until ${local.time ?? '…'} ${base} (${local.zone === 'recipient' ? "customer's" : 'business'} time)`;
  }
  return 'Wait: choose how long';
}
