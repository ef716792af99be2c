import { mintApiKey, parseApiKey, secretMatches } from './api-key-format';

describe('API key format', () => {
  it('mints recognisable keys whose secret matches only its own hash', () => {
    const a = mintApiKey();
    const b = mintApiKey();
    expect(a.key.startsWith(`trk_${a.id}_`)).toBe(true);
    const parsed = parseApiKey(a.key);
    expect(parsed?.id).toBe(a.id);
    expect(secretMatches(parsed?.secret ?? '', a.secretHash)).toBe(true);
    expect(secretMatches(parsed?.secret ?? '', b.secretHash)).toBe(false);
    expect(a.secretHash).not.toContain(parsed?.secret);
  });

  it('does not parse lookalikes', () => {
    expect(parseApiKey('trk_short_x')).toBeUndefined();
    expect(parseApiKey(`trk_${'g'.repeat(12)}_${'a'.repeat(43)}`)).toBeUndefined();
    expect(parseApiKey('Bearer whatever')).toBeUndefined();
  });
});
