import { DateTime } from 'luxon';
import { contentLines, escapeText, localStamp, utcStamp } from './ics-text';
import { buildVTimezone } from './vtimezone';

export interface CalendarEvent {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  location?: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  lastModified: Date;
  created?: Date;
  url?: string;
}

export interface CalendarOptions {
  name: string;
  timezone: string;
  events: readonly CalendarEvent[];
  now: Date;
  /** METHOD:PUBLISH for a single downloadable event; feeds carry no METHOD. */
  method?: 'PUBLISH';
  /** How often subscribers should refresh (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
  refreshMinutes?: number;
}

const PRODID = '-//Appointflow//Appointflow Calendar 1.0//EN';

function zoned(date: Date, zone: string): string {
  return localStamp(DateTime.fromJSDate(date, { zone }).toObject() as Parameters<typeof localStamp>[0]);
}

/**
 * A whole RFC 5545 VCALENDAR: a VTIMEZONE for the business's zone covering every event, and one
 * VEVENT per appointment with a stable UID, its SEQUENCE (raised on every change) and STATUS
 * (CANCELLED keeps the event so subscribers drop it). Lines are folded and end in CRLF.
 */
export function buildCalendar(options: CalendarOptions): string {
  const { timezone, events, now } = options;
  const starts = events.map((e) => e.startsAt.getTime());
  const ends = events.map((e) => e.endsAt.getTime());
  const from = new Date((starts.length ? Math.min(...starts) : now.getTime()) - 86_400_000);
  const to = new Date((ends.length ? Math.max(...ends) : now.getTime()) + 86_400_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    ...(options.method ? [`METHOD:${options.method}`] : []),
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${timezone}`,
    ...(options.refreshMinutes ? [`REFRESH-INTERVAL;VALUE=DURATION:PT${options.refreshMinutes}M`, `X-PUBLISHED-TTL:PT${options.refreshMinutes}M`] : []),
    ...buildVTimezone(timezone, from, to),
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utcStamp(now)}`,
      `DTSTART;TZID=${timezone}:${zoned(event.startsAt, timezone)}`,
      `DTEND;TZID=${timezone}:${zoned(event.endsAt, timezone)}`,
      `SEQUENCE:${event.sequence}`,
      `STATUS:${event.status}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      ...(event.url ? [`URL:${event.url}`] : []),
      ...(event.created ? [`CREATED:${utcStamp(event.created)}`] : []),
      `LAST-MODIFIED:${utcStamp(event.lastModified)}`,
      `TRANSP:${event.status === 'CANCELLED' ? 'TRANSPARENT' : 'OPAQUE'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return contentLines(lines);
}
