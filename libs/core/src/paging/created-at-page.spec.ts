import { ProblemException } from '../errors/problem.exception';
import { createdAtPage, decodeCreatedAtCursor } from './created-at-page';
import { encodeCursor } from './opaque-cursor';

const rows = [
  { id: 'c', createdAt: '2026-12-01T10:00:03.000Z' },
  { id: 'b', createdAt: '2026-12-01T10:00:02.000Z' },
  { id: 'a', createdAt: '2026-12-01T10:00:01.000Z' },
];

describe('createdAtPage', () => {
  it('shows `limit` rows and points after the last one when a further row was fetched', () => {
    const page = createdAtPage(rows, 2, (row) => row.id);
    expect(page.data).toEqual(['c', 'b']);
    expect(decodeCreatedAtCursor(page.cursor!)).toEqual({ createdAt: '2026-12-01T10:00:02.000Z', id: 'b' });
  });

  it('has no cursor on the last page', () => {
    expect(createdAtPage(rows, 3, (row) => row.id)).toEqual({ data: ['c', 'b', 'a'], cursor: null });
    expect(createdAtPage([], 3, (row) => row)).toEqual({ data: [], cursor: null });
  });
});

describe('decodeCreatedAtCursor', () => {
  it('takes no cursor as the first page', () => {
    expect(decodeCreatedAtCursor(undefined)).toBeUndefined();
    expect(decodeCreatedAtCursor('')).toBeUndefined();
  });

  it.each([
    ['not base64 json'],
    [encodeCursor([1, 2])],
    [encodeCursor(['only one'])],
    [Buffer.from('{}').toString('base64url')],
  ])('refuses %s as a validation problem', (cursor) => {
    expect(() => decodeCreatedAtCursor(cursor)).toThrow(ProblemException);
  });
});
