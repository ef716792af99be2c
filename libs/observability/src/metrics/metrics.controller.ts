import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PublicIf, RequireScopes, Scope } from '@trestle/core';
import type { FastifyReply } from 'fastify';
import { MetricsService } from './metrics.service';

@ApiTags('health')
@Controller('metrics')
@PublicIf('metricsPublic')
@RequireScopes(Scope.Admin)
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format.' })
  @Header('cache-control', 'no-store')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', this.metrics.contentType).send(await this.metrics.render());
  }
}
