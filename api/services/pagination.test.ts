import { AppError } from '../errors';
import { afterPosition, decodeCursor, encodeCursor, likePattern, nextCursorFor } from './pagination';

describe('pagination cursors', () => {
  test('round-trip a position', () => {
    const position = { value: 'Ava Stone', id: '5b0b6f3e-1c1a-4c44-9a52-7f0d7b8c2e11' };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
    expect(decodeCursor(encodeCursor({ value: 42, id: 'x' }))).toEqual({ value: 42, id: 'x' });
  });

  test.each(['', 'not base64!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'rejects %p as INVALID_CURSOR',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(AppError);
      try {
        decodeCursor(cursor);
      } catch (error) {
        expect((error as AppError).code).toBe('INVALID_CURSOR');
      }
    },
  );

  test('dates travel as ISO strings and come back as Dates', () => {
    const sort = { field: 'startsAt', direction: 'asc' as const, kind: 'date' as const };
    const when = new Date('2031-01-06T10:00:00.000Z');
    const cursor = nextCursorFor(sort, { id: 'abc', startsAt: when });
    expect(decodeCursor(cursor)).toEqual({ value: '2031-01-06T10:00:00.000Z', id: 'abc' });
    expect(afterPosition(sort, decodeCursor(cursor))).toEqual({
      $or: [{ startsAt: { $gt: when } }, { startsAt: when, id: { $gt: 'abc' } }],
    });
  });

  test('descending order pages with less-than', () => {
    const where = afterPosition({ field: 'name', direction: 'desc', kind: 'string' }, { value: 'M', id: 'i' });
    expect(where).toEqual({ $or: [{ name: { $lt: 'M' } }, { name: 'M', id: { $lt: 'i' } }] });
  });

  test('search text is matched literally', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
