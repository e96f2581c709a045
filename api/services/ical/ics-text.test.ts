import { contentLines, escapeText, foldLine, utcStamp } from './ics-text';
import { offsetTransitions } from './vtimezone';
import { IANAZone } from 'luxon';

describe('RFC 5545 text', () => {
  test('escapes backslashes, semicolons, commas and newlines', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  test('folds at 75 octets without splitting a UTF-8 character, continuation lines start with a space', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  test('ends every line with CRLF and writes UTC stamps', () => {
    expect(contentLines(['A', 'B'])).toBe('A\r\nB\r\n');
    expect(utcStamp(new Date('2026-03-14T15:30:05.123Z'))).toBe('20260314T153005Z');
  });

  test('finds the exact minutes New York changes its offset', () => {
    const changes = offsetTransitions(IANAZone.create('America/New_York'), Date.parse('2025-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z'));
    expect(changes.map((c) => [new Date(c.at).toISOString(), c.before, c.after])).toEqual([
      ['2025-03-09T07:00:00.000Z', -300, -240],
      ['2025-11-02T06:00:00.000Z', -240, -300],
    ]);
  });
});
