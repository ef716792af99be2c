import { redact } from './redaction';

describe('audit redaction', () => {
  it('replaces sensitive-looking fields at any depth, in objects and arrays', () => {
    const input = {
      user: 'ada',
      password: 'hunter2',
      nested: { clientSecret: 's3', apiKey: 'k', 'x-api-key': 'k2', list: [{ accessToken: 't', keep: 1 }] },
      headers: { Authorization: 'Bearer abc', Cookie: 'c=1' },
    };
    expect(redact(input)).toEqual({
      user: 'ada',
      password: '[redacted]',
      nested: {
        clientSecret: '[redacted]',
        apiKey: '[redacted]',
        'x-api-key': '[redacted]',
        list: [{ accessToken: '[redacted]', keep: 1 }],
      },
      headers: { Authorization: '[redacted]', Cookie: '[redacted]' },
    });
  });

  it('replaces API keys wherever they appear as values', () => {
    expect(redact({ key: 'trk_0123456789ab_secretpart', note: 'trk_ is our prefix' })).toEqual({
      key: '[redacted]',
      note: 'trk_ is our prefix',
    });
    expect(redact(['trk_0123456789ab_x'])).toEqual(['[redacted]']);
  });

  it('never changes what it was given, and hands back safe values as they are', () => {
    const input = { a: { password: 'p' }, b: [1, 'two', null], c: true };
    const before = JSON.stringify(input);
    const output = redact(input) as typeof input;
    expect(JSON.stringify(input)).toBe(before);
    expect(output.a).not.toBe(input.a);
    const safe = { attempts: 2, breaker: 'closed', tags: ['a'] };
    expect(redact(safe)).toEqual(safe);
  });

  it('cuts what is nested deeper than eight levels', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let level = 0; level < 10; level++) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).toContain('[truncated]');
  });

  it('keeps a "__proto__" field a field, redacted like any other', () => {
    const parsed = JSON.parse('{"__proto__": {"password": "p"}, "ok": 1}') as Record<string, unknown>;
    expect(JSON.stringify(redact(parsed))).toBe('{"__proto__":{"password":"[redacted]"},"ok":1}');
  });
});
