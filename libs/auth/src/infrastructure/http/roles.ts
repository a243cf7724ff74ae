import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '../../application/session-authenticator.js';
import { InsufficientRoleError } from '../../domain/auth.errors.js';
import { RouteMetadataCache } from './route-metadata-cache.js';
import type { UserRole } from '../../domain/user-role.js';

const ROLES = 'techtrek:roles';

/** Restricts a route or controller to these roles (after authentication: anonymous is 401 first). */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

@Injectable()
export class RolesGuard implements CanActivate {
  private readonly routeRoles: RouteMetadataCache<UserRole[] | undefined>;

  constructor(reflector: Reflector) {
    this.routeRoles = new RouteMetadataCache((targets) =>
      reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets),
    );
  }

  canActivate(context: ExecutionContext): boolean {
    const roles = this.routeRoles.of(context);
    if (!roles?.length) return true;
    const principal = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!principal || !roles.includes(principal.role)) throw new InsufficientRoleError();
    return true;
  }
}
