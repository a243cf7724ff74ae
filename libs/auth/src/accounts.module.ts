import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommonPasswordList } from './application/common-password-list.js';
import { EnsureAdminAccountUseCase } from './application/ensure-admin-account.use-case.js';
import { PasswordHasher } from './application/password-hasher.js';
import { UserAccountRepository } from './application/user-account.repository.js';
import { UserDirectory } from './application/user-directory.js';
import { SqlUserDirectory } from './infrastructure/persistence/sql-user-directory.js';
import { TypeOrmUserAccountRepository } from './infrastructure/persistence/typeorm-user-account.repository.js';
import { UserOrmEntity } from './infrastructure/persistence/user.orm-entity.js';
import { Argon2PasswordHasher } from './infrastructure/security/argon2-password-hasher.js';
import { FileCommonPasswordList } from './infrastructure/security/file-common-password-list.js';

/** Accounts and passwords, needing PostgreSQL only: what the seed command uses, and the user directory. */
@Module({
  imports: [TypeOrmModule.forFeature([UserOrmEntity])],
  providers: [
    EnsureAdminAccountUseCase,
    { provide: UserAccountRepository, useClass: TypeOrmUserAccountRepository },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    { provide: CommonPasswordList, useClass: FileCommonPasswordList },
    { provide: UserDirectory, useClass: SqlUserDirectory },
  ],
  exports: [EnsureAdminAccountUseCase, UserAccountRepository, PasswordHasher, CommonPasswordList, UserDirectory],
})
export class AccountsModule {}
