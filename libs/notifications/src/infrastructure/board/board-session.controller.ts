import { Controller, Delete, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@techtrek/auth';
import type { FastifyReply } from 'fastify';
import { BOARD_COOKIE, BOARD_COOKIE_MAX_AGE_SECONDS, BOARD_ROUTE, boardTokenOf } from './board-access.js';
import { ApiProblemResponses } from '@techtrek/platform';

const cookie = (value: string, maxAge: number): string =>
  `${BOARD_COOKIE}=${encodeURIComponent(value)}; Path=${BOARD_ROUTE}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;

/**
 * Opens the queue board in a browser: called with the admin's bearer token (e.g. from Swagger UI),
 * it sets a cookie holding that token for the board's paths only (HttpOnly, SameSite=Strict, at
 * most 15 minutes); then `/admin/queues` opens. The token is checked again on every board request.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/queue-board/session')
@ApiProblemResponses(403)
export class BoardSessionController {
  /** Sets the board cookie for this browser (admins only). */
  @Post()
  @HttpCode(204)
  @ApiNoContentResponse()
  open(@Headers() headers: { authorization?: string }, @Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header(
      'set-cookie',
      cookie(boardTokenOf({ authorization: headers.authorization }) ?? '', BOARD_COOKIE_MAX_AGE_SECONDS),
    );
  }

  /** Removes the board cookie. */
  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse()
  close(@Res({ passthrough: true }) reply: FastifyReply): void {
    void reply.header('set-cookie', cookie('', 0));
  }
}
