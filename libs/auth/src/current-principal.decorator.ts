import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ProblemException } from '@trestle/core';
import { requestOf } from './guards/request-principal';
import type { Principal } from './principal';

/** The authenticated caller of a REST handler or GraphQL resolver. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = requestOf(context).principal;
  if (!principal) throw ProblemException.unauthenticated();
  return principal;
});
