import { localTimeSql, offsetSpans } from './local-time-sql';

describe('offsetSpans', () => {
  test('finds New York’s changes to the minute and keeps one offset between them', () => {
    const spans = offsetSpans('America/New_York', new Date('2026-03-02T05:00:00Z'), new Date('2026-03-16T04:00:00Z'));
    expect(spans.map((s) => [new Date(s.start).toISOString(), s.offsetMinutes])).toEqual([
      [expect.any(String), -300],
      ['2025-03-09T07:00:00.000Z', -240],
      ['2025-11-02T06:00:00.000Z', -300],
      ['2026-03-08T07:00:00.000Z', -240],
    ]);
    // Contiguous: each span ends where the next starts; the last reaches past the period.
    spans.slice(1).forEach((s, i) => expect(s.start).toBe(spans[i]?.end));
    expect(spans[spans.length - 1]?.end).toBeGreaterThan(Date.parse('2026-03-16T04:00:00Z'));
  });

  test('half-hour changes (Lord Howe) and zones without DST', () => {
    const lordHowe = offsetSpans('Australia/Lord_Howe', new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'));
    expect(lordHowe.filter((s) => Date.parse('2026-01-01') <= s.start).map((s) => [new Date(s.start).toISOString(), s.offsetMinutes])).toEqual([
      ['2026-04-04T15:00:00.000Z', 630],
      ['2026-10-03T15:30:00.000Z', 660],
    ]);
    expect(offsetSpans('Asia/Tokyo', new Date('2026-01-01T00:00:00Z'), new Date('2026-12-31T00:00:00Z'))).toHaveLength(1);
  });
});

describe('localTimeSql', () => {
  test('adds the offset of the span a value falls in, and falls back to at time zone outside them', () => {
    const sql = localTimeSql('a.starts_at', [
      { start: Date.parse('2026-03-01T00:00:00Z'), end: Date.parse('2026-03-08T07:00:00Z'), offsetMinutes: -300 },
      { start: Date.parse('2026-03-08T07:00:00Z'), end: Date.parse('2026-04-01T00:00:00Z'), offsetMinutes: -240 },
    ]).replace(/\s+/g, ' ');
    expect(sql).toContain(`when a.starts_at < '2026-03-08T07:00:00.000Z'::timestamptz then -18000 else -14400 end`);
    expect(sql).toContain(`a.starts_at >= '2026-03-01T00:00:00.000Z'::timestamptz and a.starts_at < '2026-04-01T00:00:00.000Z'::timestamptz`);
    expect(sql).toContain('else a.starts_at at time zone :tz end');
  });
});
