import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ErrorCode } from './error-code';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('keeps a ProblemException as it is', () => {
    const problem = ProblemException.conflict('already there');
    expect(toProblem(problem)).toBe(problem);
  });

  it('maps Nest HTTP exceptions onto stable codes', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: ErrorCode.NotFound });
    expect(toProblem(new PayloadTooLargeException())).toMatchObject({ status: 413, code: ErrorCode.PayloadTooLarge });
  });

  it('maps client errors that carry a status code (Fastify body errors)', () => {
    const error = Object.assign(new Error('Body cannot be empty'), { statusCode: 400 });
    expect(toProblem(error)).toMatchObject({ status: 400, code: ErrorCode.BadRequest, detail: 'Body cannot be empty' });
  });

  it('hides the message of unexpected errors', () => {
    const problem = toProblem(new Error('connect ECONNREFUSED postgres://app:s3cret@db'));
    expect(problem.status).toBe(500);
    expect(problem.code).toBe(ErrorCode.Internal);
    expect(problem.detail).not.toContain('s3cret');
  });
});

describe('toProblem for legacy-system failures', () => {
  const { AdapterError } = jest.requireActual('@trestle/adapter-sdk') as typeof import('@trestle/adapter-sdk');

  it.each([
    ['unreachable', 502, 'upstream_unreachable'],
    ['timeout', 504, 'upstream_timeout'],
    ['auth', 502, 'upstream_auth'],
    ['not_found', 404, 'upstream_not_found'],
    ['rejected', 422, 'upstream_rejected'],
    ['invalid_response', 502, 'upstream_invalid_response'],
    ['unsupported', 501, 'upstream_unsupported'],
    ['rate_limited', 503, 'upstream_rate_limited'],
  ] as const)('maps %s to %i %s and keeps the adapter code', (code, status, problemCode) => {
    const problem = toProblem(new AdapterError(code, 'message'));
    expect(problem).toMatchObject({ status, code: problemCode, extensions: { upstream: { code } } });
  });

  it('answers 503 with Retry-After while the breaker is open', () => {
    const problem = toProblem(
      new AdapterError('unreachable', 'open', { retryAfterMs: 30_000, details: { circuit: 'open' } }),
    );
    expect(problem).toMatchObject({ status: 503, code: 'circuit_open', headers: { 'retry-after': '30' } });
  });
});
