import { DateTime } from 'luxon';
import type { WhatIfEvent } from '../../api/automation-types';

export type WhatIfKind = 'rescheduled' | 'cancelled' | 'replyConfirm' | 'replyCancel' | 'replyNothing' | 'checkedIn' | 'noCheckIn';

/** A what-if as the form holds it; times are local "YYYY-MM-DDTHH:mm" in the business zone. */
export interface WhatIf {
  key: number;
  kind: WhatIfKind;
  at: string;
  startsAt?: string;
}

export const WHAT_IF_LABELS: Record<WhatIfKind, string> = {
  rescheduled: 'Rescheduled to…',
  cancelled: 'Cancelled at…',
  replyConfirm: 'Replies C (confirm)',
  replyCancel: 'Replies X (cancel)',
  replyNothing: 'Replies nothing',
  checkedIn: 'Checks in at…',
  noCheckIn: 'No check-in',
};

export const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

export function toLocalInput(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat(LOCAL_FORMAT);
}

export function fromLocalInput(local: string, zone: string): string | null {
  const dt = DateTime.fromFormat(local, LOCAL_FORMAT, { zone });
  return dt.isValid ? dt.toISO() : null;
}

/** A new what-if with times that make sense for this appointment. */
export function newWhatIf(kind: WhatIfKind, key: number, startsAt: string, zone: string): WhatIf {
  const start = DateTime.fromISO(startsAt, { zone });
  const now = DateTime.now().setZone(zone);
  const at = (dt: DateTime) => dt.toFormat(LOCAL_FORMAT);
  switch (kind) {
    case 'rescheduled':
      return { key, kind, at: at(now.plus({ hours: 1 }).startOf('minute')), startsAt: at(start.plus({ days: 1 })) };
    case 'cancelled':
      return { key, kind, at: at(start.minus({ hours: 30 })) };
    case 'checkedIn':
      return { key, kind, at: at(start.minus({ minutes: 5 })) };
    default:
      return { key, kind, at: at(now.plus({ hours: 2 }).startOf('minute')) };
  }
}

/** The events a what-if sends to the simulated run; "nothing" and "no check-in" send none. */
export function toEvents(whatIfs: WhatIf[], zone: string): WhatIfEvent[] {
  const events: WhatIfEvent[] = [];
  for (const w of whatIfs) {
    const at = fromLocalInput(w.at, zone);
    if (!at) continue;
    if (w.kind === 'rescheduled') {
      const startsAt = w.startsAt ? fromLocalInput(w.startsAt, zone) : null;
      if (startsAt) events.push({ at, type: 'rescheduled', startsAt });
    } else if (w.kind === 'cancelled') events.push({ at, type: 'cancelled' });
    else if (w.kind === 'replyConfirm') events.push({ at, type: 'reply', body: 'C' });
    else if (w.kind === 'replyCancel') events.push({ at, type: 'reply', body: 'X' });
    else if (w.kind === 'checkedIn') events.push({ at, type: 'checked_in' });
  }
  return events;
}
