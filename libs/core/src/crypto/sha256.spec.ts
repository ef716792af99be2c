import { createHash } from 'node:crypto';
import { sha256 } from './sha256';

describe('sha256', () => {
  it('matches a streamed SHA-256 of the same text and bytes', () => {
    const text = 'Grüße, Trestle';
    expect(sha256(text)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(sha256(Buffer.from(text))).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('is the hex SHA-256 of the UTF-8 text', () => {
    for (const text of ['', 'abc', 'Zürich ✓', 'x'.repeat(10_000)]) {
      expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('encodes as base64url when asked', () => {
    expect(sha256('abc', 'base64url')).toBe(createHash('sha256').update('abc').digest('base64url'));
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
