import { Injectable } from '@nestjs/common';
import type { Principal } from '@trestle/auth';
import { ConnectionGateway, ConnectionService } from '@trestle/connectors';
import { ProblemException } from '@trestle/core';
import { PassthroughRequest, PassthroughResponse } from './passthrough.dto';

@Injectable()
export class PassthroughService {
  constructor(
    private readonly connections: ConnectionService,
    private readonly gateway: ConnectionGateway,
  ) {}

  async run(principal: Principal, connectionId: string, request: PassthroughRequest): Promise<PassthroughResponse> {
    const connection = await this.connections.get(principal, connectionId);
    if (!connection.definition.passthrough.includes(request.operation)) {
      throw ProblemException.validation([
        {
          field: 'operation',
          message: `is not declared for passthrough on this connection (${connection.definition.passthrough.join(', ') || 'none'})`,
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
