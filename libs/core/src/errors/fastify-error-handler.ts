import { PROBLEM_CONTENT_TYPE, problemBody } from './problem-details.filter';
import { toProblem } from './to-problem';

interface ProblemReply {
  header(name: string, value: string): ProblemReply;
  status(code: number): ProblemReply;
  send(payload: unknown): unknown;
}

/**
 * Errors Fastify raises before a handler runs (body too large, malformed JSON, wrong content type)
 * become problem+json too. Installed on the Fastify instance before any plugin copies its handler.
 */
export function problemErrorHandler(error: Error, request: { url: string; id: unknown }, reply: ProblemReply): void {
  const problem = toProblem(error);
  for (const [name, value] of Object.entries(problem.headers)) reply.header(name, value);
  reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(problemBody(problem, { url: request.url, id: String(request.id) }));
}
