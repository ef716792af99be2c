import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPE_PREFIX } from './error-code';
import { ProblemException } from './problem.exception';
import { toProblem } from './to-problem';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export function problemBody(problem: ProblemException, request?: { url?: string; id?: string }): ProblemBody {
  return {
    ...problem.extensions,
    type: `${PROBLEM_TYPE_PREFIX}${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail !== undefined && { detail: problem.detail }),
    ...(problem.errors !== undefined && { errors: problem.errors }),
    ...(request?.url !== undefined && { instance: request.url.split('?')[0] }),
    ...(request?.id !== undefined && { requestId: request.id }),
  };
}

/** The single edge where HTTP errors become RFC 9457 problem+json. Non-HTTP contexts get the mapped exception back. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const problem = toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error({ err: problem.cause ?? problem, code: problem.code }, problem.title);
    }
    if (host.getType() !== 'http') return problem;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
    return reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problemBody(problem, { url: request.url, id: String(request.id) }));
  }
}
