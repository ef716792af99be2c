import { sha256 } from '@trestle/core';
import { contentHash, stableJson } from './content-hash';

describe('stableJson / contentHash', () => {
  it('writes object keys sorted at every depth and leaves arrays in order', () => {
    expect(stableJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(contentHash({ x: 1, y: 'two' })).toBe(contentHash({ y: 'two', x: 1 }));
    expect(contentHash({ x: 1 })).toBe(sha256('{"x":1}'));
  });

  it('drops undefined fields, writes Dates as ISO (invalid ones as null), bigints as strings and Buffers as base64', () => {
    expect(
      stableJson({
        gone: undefined,
        when: new Date('2024-01-02T03:04:05Z'),
        never: new Date('nope'),
        big: 12345678901234567890n,
        bytes: Buffer.from('hi'),
        list: [undefined, 1n],
      }),
    ).toBe(
      '{"big":"12345678901234567890","bytes":"aGk=","list":[null,"1"],"never":null,"when":"2024-01-02T03:04:05.000Z"}',
    );
  });

  it('keeps integer-like keys first, as every JavaScript object orders them, and a __proto__ key as data', () => {
    expect(stableJson({ b: 1, 10: 'ten', 9: 'nine', a: 2 })).toBe('{"9":"nine","10":"ten","a":2,"b":1}');
    expect(stableJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
  });
});
