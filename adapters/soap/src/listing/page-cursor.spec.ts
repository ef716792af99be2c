import { AdapterError } from '@trestle/adapter-sdk';
import { decodeCursor, encodeCursor } from './page-cursor';

describe('page-cursor', () => {
  it('round-trips page numbers, offsets and system tokens as opaque URL-safe strings', () => {
    for (const position of [
      { style: 'page', page: 7 },
      { style: 'offset', offset: 1200 },
      { style: 'cursor', token: 'abc/+=?' },
    ] as const) {
      const cursor = encodeCursor(position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(cursor, position.style)).toEqual(position);
    }
  });

  it.each([
    '',
    'garbage',
    encodeCursor({ style: 'offset', offset: 3 }),
    Buffer.from('{"v":1,"s":"page","p":-1}').toString('base64url'),
  ])("rejects a cursor the page listing did not issue (%s) with 'rejected'", (cursor) => {
    expect(() => decodeCursor(cursor, 'page')).toThrow(AdapterError);
    try {
      decodeCursor(cursor, 'page');
    } catch (error) {
      expect((error as AdapterError).code).toBe('rejected');
    }
  });
});
