import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { mapToProblem, problemDocument, PROBLEM_CONTENT_TYPE } from '@techtrek/platform';
import { DomainError } from '@techtrek/platform/kernel';
import type { Principal } from '@techtrek/auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import passport from 'passport';
import { boardTokenOf, isBoardRoute } from './board-access.js';

class BoardNotAuthenticatedError extends DomainError {
  readonly code = 'AUTH.NOT_AUTHENTICATED';
  readonly kind = 'unauthenticated';
}

class BoardForbiddenError extends DomainError {
  readonly code = 'AUTH.FORBIDDEN';
  readonly kind = 'forbidden';
}

/**
 * Bull Board's routes are a Fastify plugin, outside Nest's guards, so this hook guards them: the
 * same passport strategy as every API route (signature, expiry, current session), then role
 * `admin`. It matches on the route pattern, so an encoded URL cannot slip past it.
 */
@Injectable()
export class BoardAuthHook implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request, reply) => {
      if (!isBoardRoute(request.routeOptions.url)) return;
      const token = boardTokenOf(request.headers);
      const principal = token ? await this.authenticate(request, reply, token) : undefined;
      if (!principal)
        return this.refuse(request, reply, new BoardNotAuthenticatedError('A valid access token is required'));
      if (principal.role !== 'admin') {
        return this.refuse(request, reply, new BoardForbiddenError('Your account is not allowed to do this'));
      }
    });
  }

  private authenticate(request: FastifyRequest, reply: FastifyReply, token: string): Promise<Principal | undefined> {
    // The strategy reads the header; a cookie's token is presented to it the same way.
    request.headers.authorization = `Bearer ${token}`;
    return new Promise((resolve) => {
      const middleware = passport.authenticate(
        'access-token',
        { session: false },
        (error: unknown, user: Principal | false) => resolve(error || !user ? undefined : user),
      ) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
      middleware(request, reply, () => resolve(undefined));
    });
  }

  private refuse(request: FastifyRequest, reply: FastifyReply, error: DomainError): FastifyReply {
    const document = problemDocument(mapToProblem(error), { instance: request.url, requestId: String(request.id) });
    return reply.code(document.status).type(PROBLEM_CONTENT_TYPE).send(document);
  }
}
