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
