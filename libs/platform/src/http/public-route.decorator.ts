import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'techtrek:public-route';

/**
 * Marks a route (or controller) as reachable without a token. Every other route requires one:
 * the authentication guard denies by default, so a new route is never public by accident.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
