import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { actorOf, RequestWithPrincipal } from '@trestle/auth';
import { AppConfig, ErrorCode, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_PREFIX, sha256 } from '@trestle/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuditEventInput } from '../audit-event';
import { AuditWriter } from '../chain/audit-writer';

/** Tenant under which calls that never authenticated are recorded. */
export const UNAUTHENTICATED_TENANT = '_unauthenticated';

const NOT_AUDITED = /^\/(health\/|metrics|docs|\.well-known\/|console)/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const GRAPHQL_OPERATION = /^\s*(query|mutation|subscription)?\s*(\w+)?/;

/**
 * Records every inbound REST and GraphQL call at the HTTP edge, after the handler and before the
 * answer leaves. Mutating calls wait until their event is committed; if it cannot be, the caller
 * gets 503 instead of a success nobody could prove later.
 */
@Injectable()
export class HttpAuditHook implements OnModuleInit {
  private readonly logger = new Logger(HttpAuditHook.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly writer: AuditWriter,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook || !this.config.auditEnabled) return;
    // Callback style, so a read's answer leaves in the same tick: its event needs no commit first.
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (NOT_AUDITED.test(request.url)) return done(null, payload);
      const refuse = (error: unknown) => done(null, this.unrecorded(request, reply, error));
      try {
        const graphql = graphqlOperation(request);
        const durable = graphql ? graphql.type === 'mutation' : MUTATING.has(request.method);
        const committed = this.writer.record(this.eventFor(request, reply, payload, graphql), { durable });
        if (!durable) return done(null, payload);
        committed.then(() => done(null, payload), refuse);
      } catch (error) {
        refuse(error);
      }
    });
  }

  /** The 503 a call gets when its event cannot be committed: nobody could prove its success later. */
  private unrecorded(request: FastifyRequest, reply: FastifyReply, error: unknown): string {
    this.logger.error(
      { err: error instanceof Error ? { message: error.message } : undefined },
      'Audit commit failed; refusing to confirm a mutating call',
    );
    void reply.code(503).header('content-type', PROBLEM_CONTENT_TYPE);
    return JSON.stringify({
      type: `${PROBLEM_TYPE_PREFIX}${ErrorCode.Unavailable}`,
      title: 'Audit unavailable',
      status: 503,
      code: ErrorCode.Unavailable,
      detail:
        'The call could not be recorded in the audit trail; its outcome is unknown. Retry with the same Idempotency-Key.',
      requestId: String(request.id),
    });
  }

  private eventFor(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    graphql?: { type: string; name: string },
  ): AuditEventInput {
    const principal = (request as RequestWithPrincipal).principal;
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const route = request.routeOptions.url ?? 'unmatched';
    const responseText = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : undefined;
    const graphqlFailed = graphql !== undefined && responseText !== undefined && responseText.includes('"errors"');
    return {
      tenantId: principal?.tenantId ?? UNAUTHENTICATED_TENANT,
      actor: principal ? actorOf(principal) : 'anonymous',
      action: graphql ? `graphql ${graphql.type} ${graphql.name}` : `${request.method} ${route}`,
      resource: request.url.split('?')[0],
      connectionId: params.connectionId ?? (route.startsWith('/v1/connections/:id') ? params.id : undefined),
      requestId: String(request.id),
      outcome: reply.statusCode < 400 && !graphqlFailed ? 'success' : 'failure',
      status: reply.statusCode,
      durationMs: reply.elapsedTime,
      requestHash: request.body === undefined ? undefined : sha256(JSON.stringify(request.body)),
      responseHash: responseText === undefined ? undefined : sha256(responseText),
      bodies: this.config.auditCaptureBodies ? { request: request.body, response: parseJson(responseText) } : undefined,
    };
  }
}

function graphqlOperation(request: FastifyRequest): { type: string; name: string } | undefined {
  if (request.routeOptions.url !== '/graphql') return undefined;
  const body = request.body as { query?: unknown; operationName?: unknown } | undefined;
  const query =
    typeof body?.query === 'string'
      ? body.query
      : typeof (request.query as { query?: unknown })?.query === 'string'
        ? String((request.query as { query: string }).query)
        : '';
  const [, type = 'query', name] = GRAPHQL_OPERATION.exec(query) ?? [];
  return { type, name: typeof body?.operationName === 'string' ? body.operationName : (name ?? 'anonymous') };
}

function parseJson(text: string | Buffer | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text.toString());
  } catch {
    return undefined;
  }
}
