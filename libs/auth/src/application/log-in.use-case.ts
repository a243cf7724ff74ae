import { Injectable } from '@nestjs/common';
import { InvalidCredentialsError } from '../domain/auth.errors.js';
import { EmailAddress, InvalidEmailAddressError } from '../domain/email-address.js';
import type { AuthResult } from './auth-result.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionStarter } from './session-starter.js';
import { UserAccountRepository, type UserAccount } from './user-account.repository.js';

export interface LogInInput {
  email: string;
  password: string;
}

@Injectable()
export class LogInUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly passwordHasher: PasswordHasher,
    private readonly sessionStarter: SessionStarter,
  ) {}

  async execute(input: LogInInput): Promise<AuthResult> {
    const account = await this.verify(input);
    if (this.passwordHasher.needsRehash(account.passwordHash)) {
      await this.accounts.changePasswordHash(account.id, await this.passwordHasher.hash(input.password));
    }
    return this.sessionStarter.start(account);
  }

  /** Unknown email and wrong password cost one verification each and fail the same way. */
  private async verify(input: LogInInput): Promise<UserAccount> {
    const account = await this.findAccount(input.email);
    if (!account) {
      await this.passwordHasher.verifyAgainstDummy(input.password);
      throw new InvalidCredentialsError();
    }
    if (!(await this.passwordHasher.verify(account.passwordHash, input.password))) throw new InvalidCredentialsError();
    return account;
  }

  private async findAccount(rawEmail: string): Promise<UserAccount | undefined> {
    try {
      return await this.accounts.findByEmail(EmailAddress.parse(rawEmail));
    } catch (error) {
      if (error instanceof InvalidEmailAddressError) return undefined;
      throw error;
    }
  }
}
