import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { ConnectionGateway } from '@trestle/connectors';
import { ProblemException } from '@trestle/core';
import { PassthroughRequest, PassthroughResponse } from './passthrough.dto';

@Injectable()
export class PassthroughService {
  constructor(private readonly gateway: ConnectionGateway) {}

  async run(principal: Principal, connectionId: string, request: PassthroughRequest): Promise<PassthroughResponse> {
    const declared = Object.keys((await this.gateway.definition(principal.tenantId, connectionId)).passthrough ?? {});
    if (!declared.includes(request.operation)) {
      throw ProblemException.validation([
        {
          field: 'operation',
          message: `is not declared for passthrough on this connection (${declared.join(', ') || 'none'})`,
        },
      ]);
    }
    const result = await this.gateway.passthrough(
      principal.tenantId,
      connectionId,
      request.operation,
      request.args ?? {},
    );
    return { operation: request.operation, result };
  }
}
