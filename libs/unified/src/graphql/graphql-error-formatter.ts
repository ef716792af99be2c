import { ErrorCode, toProblem } from '@trestle/core';
import { GraphQLError, GraphQLFormattedError } from 'graphql';

/** GraphQL errors carry the same codes as REST problem bodies, and never an internal message. */
export function formatGraphQLError(error: GraphQLError, requestId?: string): GraphQLFormattedError {
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) {
    return {
      message: error.message,
      locations: error.locations,
      path: error.path,
      extensions: { code: ErrorCode.BadRequest, status: 400, requestId },
    };
  }
  const problem = toProblem(original);
  return {
    message: problem.detail ?? problem.title,
    locations: error.locations,
    path: error.path,
    extensions: {
      code: problem.code,
      status: problem.status,
      requestId,
      ...(problem.errors && { errors: problem.errors }),
      ...problem.extensions,
    },
  };
}
