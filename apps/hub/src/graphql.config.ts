import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { AppConfig } from '@trestle/core';
import { formatGraphQLError, queryCostLimit } from '@trestle/unified';
import type { GraphQLError } from 'graphql';

/** GraphQL on Mercurius (Fastify-native): depth and cost limits, errors with the REST codes. */
export function graphqlOptions(config: AppConfig): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    queryDepth: config.graphqlMaxDepth,
    validationRules: [queryCostLimit(config.graphqlMaxCost)],
    errorFormatter: (execution, context) => {
      const requestId = (context as { reply?: { request?: { id?: string } } }).reply?.request?.id;
      const errors = (execution.errors ?? []) as GraphQLError[];
      const rejectedBeforeExecution =
        execution.data == null && errors.every((error) => !error.originalError || error.originalError === error);
      return {
        statusCode: rejectedBeforeExecution ? 400 : 200,
        response: { data: execution.data ?? null, errors: errors.map((error) => formatGraphQLError(error, requestId)) },
      };
    },
  };
}
