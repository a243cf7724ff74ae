import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@techtrek/platform';
import { randomInt } from 'node:crypto';
import { EmailAddress, InvalidEmailAddressError } from '../domain/email-address.js';
import { checkResetCode, InvalidResetCodeError, RESET_CODE } from '../domain/password-reset.js';
import { Mailer } from './mailer.js';
import { NewPasswordPolicy } from './new-password-policy.js';
import { PasswordResetRepository, ResetCodeHasher } from './password-reset.repository.js';
import { SessionVersionCache } from './session-version.cache.js';
import { SessionRepository } from './session.repository.js';
import { UserAccountRepository, type UserAccount } from './user-account.repository.js';

async function findAccount(accounts: UserAccountRepository, rawEmail: string): Promise<UserAccount | undefined> {
  try {
    return await accounts.findByEmail(EmailAddress.parse(rawEmail));
  } catch (error) {
    if (error instanceof InvalidEmailAddressError) return undefined;
    throw error;
  }
}

/**
 * "Forgot password": mails a 6-digit code when the email has an account. The caller always hears
 * the same thing, as fast, so the endpoint reveals nothing about who has an account.
 */
@Injectable()
export class RequestPasswordResetUseCase {
  private readonly logger = new Logger(RequestPasswordResetUseCase.name);

  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly resets: PasswordResetRepository,
    private readonly codeHasher: ResetCodeHasher,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute(rawEmail: string): Promise<void> {
    const account = await findAccount(this.accounts, rawEmail);
    if (!account) return;
    const code = String(randomInt(0, 10 ** RESET_CODE.digits)).padStart(RESET_CODE.digits, '0');
    await this.resets.store(account.id, {
      codeHash: this.codeHasher.hash(account.id, code),
      expiresAt: new Date(this.clock.now().getTime() + RESET_CODE.validMinutes * 60_000),
      attemptsLeft: RESET_CODE.attempts,
    });
    // Not awaited: mail latency must not tell an existing account from a missing one.
    void this.mailer
      .send({
        to: account.email,
        subject: 'Your TechTrek password reset code',
        text:
          `Hi ${account.username},\n\nYour code to choose a new TechTrek password is ${code}.\n` +
          `It works for ${RESET_CODE.validMinutes} minutes. If you did not ask for it, ignore this email: ` +
          `your password stays as it is.\n`,
      })
      .catch((error: Error) => this.logger.error(`Reset code mail to user ${account.id} failed: ${error.message}`));
  }
}

export interface ResetPasswordInput {
  email: string;
  code: string;
  newPassword: string;
}

/** Sets a new password with a mailed code; every session of the account ends. */
@Injectable()
export class ResetPasswordUseCase {
  constructor(
    private readonly accounts: UserAccountRepository,
    private readonly resets: PasswordResetRepository,
    private readonly codeHasher: ResetCodeHasher,
    private readonly newPasswordPolicy: NewPasswordPolicy,
    private readonly sessions: SessionRepository,
    private readonly sessionCache: SessionVersionCache,
    private readonly clock: Clock,
  ) {}

  async execute(input: ResetPasswordInput): Promise<void> {
    const account = await findAccount(this.accounts, input.email);
    if (!account) throw new InvalidResetCodeError();
    const accepted = await this.resets.withLockedCode(account.id, async (stored, transaction) => {
      const matches = stored !== undefined && this.codeHasher.matches(account.id, input.code, stored.codeHash);
      const verdict = checkResetCode(stored, matches, this.clock.now());
      if (verdict === 'reject-and-count') await transaction.spendAttempt();
      if (verdict !== 'accept') return false;
      const passwordHash = await this.newPasswordPolicy.hashIfAcceptable(input.newPassword, account, 'newPassword');
      await this.accounts.changePasswordHash(account.id, passwordHash);
      await transaction.consume();
      return true;
    });
    if (!accepted) throw new InvalidResetCodeError();
    await this.sessionCache.rememberAll(await this.sessions.revokeAllOfUser(account.id, 'password reset'));
  }
}
