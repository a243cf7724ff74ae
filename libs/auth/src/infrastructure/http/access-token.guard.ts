import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Observable } from 'rxjs';
import { DomainError } from '@techtrek/platform/kernel';
import { PUBLIC_ROUTE } from '@techtrek/platform';
import { NotAuthenticatedError } from '../../domain/auth.errors.js';
import { RouteMetadataCache } from './route-metadata-cache.js';

/** Global: every route needs a valid access token unless marked `@Public()`. Deny by default. */
@Injectable()
export class AccessTokenGuard extends AuthGuard('access-token') {
  // Public routes are most of the traffic (the catalogue); reading the decorators once per route
  // makes passing them cost a map lookup.
  private readonly publicRoutes: RouteMetadataCache<boolean>;

  constructor(reflector: Reflector) {
    super();
    this.publicRoutes = new RouteMetadataCache(
      (targets) => reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
    );
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> | Observable<boolean> {
    if (this.publicRoutes.of(context)) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error instanceof DomainError) throw error;
    if (error || !user) throw new NotAuthenticatedError();
    return user;
  }
}
