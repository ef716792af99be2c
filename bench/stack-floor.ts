import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import axios from 'axios';
import { Agent } from 'node:http';

/**
 * The least a hub on this stack can do: a NestJS (Fastify) app whose one route fetches the CRM
 * page with axios and returns it parsed, with no auth, audit, mapping, logging or metrics.
 * What it reaches against a bare proxy bounds what the hub can reach.
 */
export async function startStackFloor(
  crmUrl: string,
  accessToken: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const http = axios.create({ baseURL: crmUrl, httpAgent: agent });

  @Controller()
  class FloorController {
    @Get('customers')
    async customers(): Promise<unknown> {
      const answer = await http.get('/api/v2/accounts?limit=20', {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      return answer.data;
    }
  }

  @Module({ controllers: [FloorController] })
  class FloorModule {}

  const app: INestApplication = await NestFactory.create(FloorModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  return {
    url: await app.getUrl(),
    close: async () => {
      await app.close();
      agent.destroy();
    },
  };
}
