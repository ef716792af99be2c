import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

const requestWith = (headers: IncomingMessage['headers'] = {}) => ({ headers }) as IncomingMessage;

describe('requestIdFor', () => {
  it('keeps a safe caller id and replaces an unsafe one', () => {
    expect(requestIdFor(requestWith({ [REQUEST_ID_HEADER]: 'abc-123' }))).toBe('abc-123');
    expect(requestIdFor(requestWith({ [REQUEST_ID_HEADER]: 'has spaces\u0007' }))).not.toContain(' ');
  });

  it('mints UUIDv7 ids that sort in the order they were minted', () => {
    const minted = Array.from({ length: 2000 }, () => requestIdFor(requestWith()));
    for (const id of minted)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(minted).size).toBe(minted.length);
    expect([...minted].sort()).toEqual(minted);
  });
});
