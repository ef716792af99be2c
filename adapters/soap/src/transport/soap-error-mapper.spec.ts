import { AdapterError } from '@trestle/adapter-sdk';
import { findSecretLeaks } from '@trestle/adapter-sdk/testing';
import { faultCode, scrub, toAdapterError } from './soap-error-mapper';
import { SoapTransportFailure } from './soap-transport-failure';

const SECRET = 'p@ss<w>rd&1';
const site = { action: 'call' as const, operation: 'GetCustomer', secrets: [SECRET], timeoutMs: 1500 };

const fault11 = (faultcode: string, faultstring: string, detail?: unknown) =>
  Object.assign(new Error(`${faultcode}: ${faultstring}`), {
    root: { Envelope: { Body: { Fault: { faultcode, faultstring, ...(detail ? { detail } : {}) } } } },
  });

describe('soap-error-mapper', () => {
  it.each([
    ['soap:Client', 'AuthenticationFailed', 'auth'],
    ['wsse:FailedAuthentication', 'The security token could not be authenticated', 'auth'],
    ['soap:Server', 'Access denied for user', 'auth'],
    ['soap:Client', 'NotFound', 'not_found'],
    ['Client.NotFound', 'customer K1 does not exist', 'not_found'],
    ['soap:Client', 'ValidationFailed', 'rejected'],
    ['soap:Sender t:ValidationFailed', 'ValidationFailed', 'rejected'],
    ['soap:MustUnderstand', 'header not understood', 'rejected'],
    ['soap:Server', 'Service temporarily unavailable', 'unreachable'],
    ['soap:Receiver', 'NullPointerException', 'invalid_response'],
    ['soap:Server', 'Invalid state of the order', 'rejected'],
  ])('classifies fault %s / %s as %s', (code, reason, expected) => {
    expect(faultCode({ code, reason })).toBe(expected);
  });

  it('reads SOAP 1.1 and 1.2 faults from node-soap errors into details, scrubbing credentials', () => {
    const error = toAdapterError(fault11('soap:Client', `Login failed for ${SECRET}`, { Field: 'Password' }), site);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('auth');
    expect(error.details).toMatchObject({
      operation: 'GetCustomer',
      faultcode: 'soap:Client',
      faultdetail: '{"Field":"Password"}',
    });
    expect(error.details.faultstring).toBe('Login failed for ***');
    expect(findSecretLeaks(error, [SECRET])).toEqual([]);

    const soap12 = Object.assign(new Error('x'), {
      root: {
        Envelope: {
          Body: {
            Fault: {
              Code: { Value: 'soap:Sender', Subcode: { Value: 't:NotFound' } },
              Reason: { Text: { $value: 'NotFound', attributes: { 'xml:lang': 'en' } } },
            },
          },
        },
      },
    });
    expect(toAdapterError(soap12, site)).toMatchObject({
      code: 'not_found',
      upstreamStatus: 'soap:Sender t:NotFound',
      details: { faultstring: 'NotFound' },
    });
  });

  it("turns node-soap's sax failure object (thrown as { Fault }) into invalid_response", () => {
    const thrown = {
      Fault: { faultcode: 500, faultstring: 'Invalid XML', detail: 'Error: Unclosed root tag', statusCode: 500 },
    };
    const error = toAdapterError(thrown, site);
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('not well-formed XML');
  });

  it.each([
    [new SoapTransportFailure('network', 'network error ECONNREFUSED', { code: 'ECONNREFUSED' }), 'unreachable', true],
    [new SoapTransportFailure('network', 'network error ECONNRESET', { code: 'ECONNRESET' }), 'unreachable', true],
    [new SoapTransportFailure('network', 'network error ENOTFOUND', { code: 'ENOTFOUND' }), 'unreachable', true],
    [new SoapTransportFailure('http_status', 'HTTP 401', { status: 401 }), 'auth', false],
    [new SoapTransportFailure('http_status', 'HTTP 403', { status: 403 }), 'auth', false],
    [new SoapTransportFailure('http_status', 'HTTP 404', { status: 404 }), 'unreachable', false],
    [new SoapTransportFailure('http_status', 'HTTP 429', { status: 429, retryAfterMs: 2000 }), 'rate_limited', true],
    [new SoapTransportFailure('http_status', 'HTTP 500', { status: 500 }), 'invalid_response', false],
    [new SoapTransportFailure('http_status', 'HTTP 503', { status: 503 }), 'unreachable', true],
    [new SoapTransportFailure('truncated', 'closed early'), 'invalid_response', false],
    [new SoapTransportFailure('too_large', 'too large'), 'invalid_response', false],
    [new SoapTransportFailure('doctype', 'DTD'), 'invalid_response', false],
    [new SoapTransportFailure('not_soap', 'no envelope', { status: 200 }), 'invalid_response', false],
  ] as const)('maps transport failure %s to %s', (failure, code, retryable) => {
    const error = toAdapterError(failure, site);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(retryable);
  });

  it('tells a time limit from a caller abort, both as timeout', () => {
    const timedOut = toAdapterError(
      new SoapTransportFailure('aborted', 'aborted', {
        signal: AbortSignal.abort(new DOMException('t', 'TimeoutError')),
      }),
      site,
    );
    expect(timedOut).toMatchObject({ code: 'timeout', details: { timeoutMs: 1500 } });
    const aborted = toAdapterError(
      new SoapTransportFailure('aborted', 'aborted', { signal: AbortSignal.abort() }),
      site,
    );
    expect(aborted).toMatchObject({ code: 'timeout', details: { aborted: true } });
  });

  it('keeps AdapterErrors as they are and never chains the library error as cause', () => {
    const original = new AdapterError('unsupported', 'no such operation');
    expect(toAdapterError(original, site)).toBe(original);
    const libraryError = Object.assign(new Error(`request failed`), { config: { headers: { Authorization: SECRET } } });
    const wrapped = toAdapterError(libraryError, site);
    expect(wrapped.cause).not.toBe(libraryError);
    expect(findSecretLeaks(wrapped, [SECRET])).toEqual([]);
  });

  it('scrubs raw, URL-encoded and XML-escaped secrets and URL passwords', () => {
    const text = `a ${SECRET} b ${encodeURIComponent(SECRET)} c p@ss&lt;w&gt;rd&amp;1 http://u:x@host/`;
    expect(scrub(text, [SECRET])).toBe('a *** b *** c *** http://u:***@host/');
  });
});
