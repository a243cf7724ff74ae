import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AuthModule } from './auth.module.js';
import { AccessTokenGuard } from './infrastructure/http/access-token.guard.js';
import { AdminUsersController } from './infrastructure/http/admin-users.controller.js';
import { AccessTokenStrategy } from './infrastructure/http/access-token.strategy.js';
import { AuthController } from './infrastructure/http/auth.controller.js';
import { MeController } from './infrastructure/http/me.controller.js';
import { RolesGuard } from './infrastructure/http/roles.js';

/**
 * The auth routes, and the two global guards every API route passes: a valid access token unless
 * `@Public()`, then the roles named by `@Roles()`.
 */
@Module({
  imports: [AuthModule, PassportModule],
  controllers: [AuthController, MeController, AdminUsersController],
  providers: [
    AccessTokenStrategy,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthHttpModule {}
