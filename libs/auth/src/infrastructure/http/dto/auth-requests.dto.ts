import { Transform } from 'class-transformer';
import { IsIn, IsString, IsTimeZone, Length, Matches, MaxLength } from 'class-validator';
import { Omittable } from '@techtrek/platform';
import { USER_ROLES, type UserRole } from '../../../domain/user-role.js';
import { IsEmailAddress } from './email-address.validator.js';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const normalizedEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class SignUpRequestDto {
  /**
   * An email address, one account per address. Surrounding spaces are ignored and letters are
   * lower-cased before it is checked and stored.
   * @example "ada@example.com"
   */
  @Transform(normalizedEmail)
  @IsEmailAddress()
  @MaxLength(254)
  email!: string;

  /**
   * Shown on leaderboards.
   * @example "ada"
   */
  @Transform(trimmed)
  @IsString()
  @Length(3, 30)
  username!: string;

  /**
   * 10–128 characters, not a common password, not containing the email or username.
   * @example "correct horse battery staple"
   */
  @IsString()
  @Length(10, 128)
  password!: string;
}

export class LogInRequestDto {
  /** @example "ada@example.com" */
  @Transform(normalizedEmail)
  @IsString()
  @MaxLength(254)
  email!: string;

  /** @example "correct horse battery staple" */
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class RefreshRequestDto {
  /**
   * The refresh token from the last sign-in or refresh. Single use: the answer carries a new one.
   * @example "fGJ9n0N3xv2m0bq0wQk3r2k3cF0WvJ7b4l7dQm0Zr3A"
   */
  @IsString()
  @Length(1, 512)
  refreshToken!: string;
}

export class LogOutQueryDto {
  /**
   * `global` ends every session of the account, on every device.
   * @example "current"
   */
  @Omittable()
  @IsIn(['current', 'global'])
  scope?: 'current' | 'global';
}

export class UpdateProfileRequestDto {
  /** @example "ada.l" */
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @Length(3, 30)
  username?: string;

  /**
   * IANA timezone: streaks and reminders follow the learner's local day.
   * @example "Europe/Oslo"
   */
  @Omittable()
  @IsTimeZone({ message: 'must be an IANA timezone such as Europe/Oslo' })
  timezone?: string;
}

export class ChangePasswordRequestDto {
  /** @example "correct horse battery staple" */
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  /**
   * 10–128 characters, not a common password, not containing the email or username.
   * @example "violet kayak orbit ninety-one"
   */
  @IsString()
  @Length(10, 128)
  newPassword!: string;
}

export class ForgotPasswordRequestDto {
  /** @example "ada@example.com" */
  @Transform(normalizedEmail)
  @IsString()
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordRequestDto {
  /** @example "ada@example.com" */
  @Transform(normalizedEmail)
  @IsString()
  @MaxLength(254)
  email!: string;

  /**
   * The 6-digit code from the email.
   * @example "042917"
   */
  @Matches(/^\d{6}$/, { message: 'must be the 6 digits from the email' })
  code!: string;

  /** @example "violet kayak orbit ninety-one" */
  @IsString()
  @Length(10, 128)
  newPassword!: string;
}

export class DeleteAccountRequestDto {
  /**
   * The account's password, to confirm.
   * @example "correct horse battery staple"
   */
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class ChangeRoleRequestDto {
  /** @example "admin" */
  @IsIn(USER_ROLES)
  role!: UserRole;
}
