import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../../application/session-authenticator.js';

/** The authenticated caller, as the access-token guard put it on the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ user: Principal }>().user,
);
