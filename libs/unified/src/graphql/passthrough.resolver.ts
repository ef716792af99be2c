import { Args, Field, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Principal } from '@trestle/auth';
import { ProblemException, RequireScopes, Scope } from '@trestle/core';
import { PassthroughService } from '../passthrough/passthrough.service';

@ObjectType()
export class PassthroughResult {
  @Field(() => String) operation!: string;
  @Field(() => String, { description: 'The raw result, JSON-encoded.' }) resultJson!: string;
}

@Resolver()
export class PassthroughResolver {
  constructor(private readonly passthrough: PassthroughService) {}

  @Mutation(() => PassthroughResult, {
    description: 'Runs one raw operation of a legacy system (arguments JSON-encoded).',
  })
  @RequireScopes(Scope.Passthrough)
  async passthroughOperation(
    @CurrentPrincipal() principal: Principal,
    @Args('connectionId') connectionId: string,
    @Args('operation') operation: string,
    @Args('argsJson', { type: () => String, nullable: true }) argsJson?: string,
  ): Promise<PassthroughResult> {
    let args: Record<string, unknown> = {};
    try {
      args = argsJson ? (JSON.parse(argsJson) as Record<string, unknown>) : {};
    } catch {
      throw ProblemException.validation([{ field: 'argsJson', message: 'must be a JSON object' }]);
    }
    const result = await this.passthrough.run(principal, connectionId, { operation, args });
    return { operation: result.operation, resultJson: JSON.stringify(result.result ?? null) };
  }
}
