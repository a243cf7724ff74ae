import { Body, Controller, Get, HttpCode, Module, Post, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthRateLimit, Public } from '@techtrek/platform';
import { IsOptional, IsString, Length } from 'class-validator';
import type { FastifyInstance, FastifyRequest } from 'fastify';

class RateProbeLoginDto {
  @IsString()
  @Length(1, 320)
  email!: string;

  @IsOptional()
  @IsString()
  password?: string;
}

/** Routes that exist only in tests: a login-like route under the strict auth limit, and a plain one. */
@Public()
@Controller('__rate')
class RateLimitProbeController {
  @Post('login')
  @HttpCode(200)
  @AuthRateLimit()
  login(@Body() body: RateProbeLoginDto): { email: string } {
    return { email: body.email };
  }

  @Get('ping')
  ping(): { pong: true } {
    return { pong: true };
  }
}

/**
 * Also stands in for an authentication step that runs before the rate-limit guard: a request with
 * `x-probe-user: <id>` arrives with `request.user` set, as a token guard would leave it.
 */
@Module({ controllers: [RateLimitProbeController] })
export class RateLimitProbeModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request: FastifyRequest & { user?: unknown }) => {
      const userId = request.headers['x-probe-user'];
      if (typeof userId === 'string') request.user = { userId: Number(userId) };
    });
  }
}
