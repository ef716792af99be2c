import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in the clear', () => {
    const sealed = box.seal('hunter2', 'connection:1');
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed, 'connection:1')).toBe('hunter2');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered ciphertext, another context, or another key', () => {
    const sealed = box.seal('hunter2', 'connection:1');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'connection:1')).toThrow();
    expect(() => box.open(sealed, 'connection:2')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'connection:1')).toThrow();
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32-byte/);
  });
});
