import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../principal';

export type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

/** The HTTP request behind a REST handler or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): RequestWithPrincipal {
  if (context.getType<string>() === 'graphql') {
    const graphqlContext = GqlExecutionContext.create(context).getContext<{
      req?: RequestWithPrincipal;
      reply?: { request: RequestWithPrincipal };
    }>();
    const request = graphqlContext.req ?? graphqlContext.reply?.request;
    if (!request) throw new Error('GraphQL context carries no request');
    return request;
  }
  return context.switchToHttp().getRequest<RequestWithPrincipal>();
}
