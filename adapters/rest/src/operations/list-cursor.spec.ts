import { decodeCursor, encodeCursor } from './list-cursor';

describe('list cursors', () => {
  it('round-trips a position opaquely', () => {
    const position = { entity: 'customer', cursor: 'abc', since: '2024-01-01T00:00:00.000Z', filter: { tier: 'ENT' } };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('abc');
    expect(decodeCursor(cursor, 'customer')).toEqual(position);
  });

  it("refuses garbage and another entity's cursor with AdapterError 'rejected'", () => {
    expect(() => decodeCursor('not-a-cursor', 'customer')).toThrow(expect.objectContaining({ code: 'rejected' }));
    expect(() => decodeCursor(encodeCursor({ entity: 'contact', offset: 5 }), 'customer')).toThrow(/customer/);
    expect(() =>
      decodeCursor(encodeCursor({ entity: 'customer', offset: 'x' as unknown as number }), 'customer'),
    ).toThrow();
  });
});
