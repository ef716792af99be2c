import fastifyStatic from '@fastify/static';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { findConsoleDist } from './console-asset-resolver';
import { CONSOLE_DIST, ConsoleController } from './console.controller';

/** Serves the admin console (apps/console/dist) at /console, with the SPA's index.html for its routes. */
@Module({
  controllers: [ConsoleController],
  providers: [{ provide: CONSOLE_DIST, useFactory: () => findConsoleDist() }],
})
export class ConsoleModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(fastifyStatic, { serve: false });
  }
}
