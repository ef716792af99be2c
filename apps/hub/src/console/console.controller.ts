import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProblemException, Public } from '@trestle/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_BUILD_COMMAND, resolveConsoleAsset } from './console-asset-resolver';

export const CONSOLE_DIST = Symbol('CONSOLE_DIST');

/**
 * The admin console's static files, public like any web page: they hold no data. Everything the
 * console shows comes from the guarded API with the operator's own credentials.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  constructor(@Inject(CONSOLE_DIST) private readonly root: string) {}

  @Get()
  index(@Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, '');
  }

  @Get('*')
  asset(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return this.send(reply, (request.params as Record<string, string>)['*'] ?? '');
  }

  private send(reply: FastifyReply, path: string): FastifyReply {
    const asset = resolveConsoleAsset(this.root, path);
    switch (asset.kind) {
      case 'not-built':
        throw ProblemException.unavailable(
          `The admin console has not been built: ${this.root} has no index.html. Run \`${CONSOLE_BUILD_COMMAND}\` (npm run build:console) and reload.`,
        );
      case 'not-found':
        throw ProblemException.notFound('Console asset', path);
      case 'index':
        return reply.header('cache-control', 'no-cache').sendFile('index.html', this.root, { cacheControl: false });
      case 'file':
        return asset.immutable
          ? reply.sendFile(asset.path, this.root, { maxAge: '365d', immutable: true })
          : reply.sendFile(asset.path, this.root, { cacheControl: false });
    }
  }
}
