import { SecretScrubber } from './secret-scrubber';

describe('SecretScrubber', () => {
  it('removes secrets in plain, URL-encoded and base64 form, and ignores tiny ones', () => {
    const scrubber = new SecretScrubber(['p@ss/word', undefined, 'ab']);
    scrubber.add('tok-123456');
    const text = `bad key p@ss/word, p%40ss%2Fword, ${Buffer.from('p@ss/word').toString('base64')}, tok-123456, ab`;
    expect(scrubber.scrub(text)).toBe('bad key [redacted], [redacted], [redacted], [redacted], ab');
  });
});
