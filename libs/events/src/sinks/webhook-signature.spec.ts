import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = '{"specversion":"1.0","id":"e1","data":{"a":1}}';
  const now = 1_800_000_000;

  it('signs t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, body, now)).toBe(`t=${now},v1=${expected}`);
  });

  it('verifies its own signature within the tolerance', () => {
    expect(verifyWebhookSignature(secret, signWebhook(secret, body, now), body, { nowS: now + 299 })).toBe(true);
  });

  it('refuses a changed body, another secret, an old timestamp and garbage', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhookSignature(secret, header, body.replace('1}', '2}'), { nowS: now })).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, { nowS: now })).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, { nowS: now + 301 })).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, body, { nowS: now })).toBe(false);
    expect(verifyWebhookSignature(secret, 'v1=abc', body, { nowS: now })).toBe(false);
    expect(verifyWebhookSignature(secret, `t=${now},v1=00`, body, { nowS: now })).toBe(false);
  });

  it('accepts any one matching v1 among several (secret rotation on the consumer side)', () => {
    const good = signWebhook(secret, body, now).split(',')[1];
    expect(verifyWebhookSignature(secret, `t=${now},v1=${'0'.repeat(64)},${good}`, body, { nowS: now })).toBe(true);
  });
});
