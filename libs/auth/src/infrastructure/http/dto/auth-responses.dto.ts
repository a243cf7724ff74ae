import { ApiProperty } from '@nestjs/swagger';
import type { UserRole } from '../../../domain/user-role.js';

export class UserProfileDto {
  /** @example 42 */
  @ApiProperty({ type: 'integer' })
  id!: number;
  /** @example "ada@example.com" */
  email!: string;
  /** @example "ada" */
  username!: string;
  /** @example "learner" */
  role!: UserRole;
  /** @example 120 */
  @ApiProperty({ type: 'integer' })
  xp!: number;
  /** @example 3 */
  @ApiProperty({ type: 'integer' })
  currentStreak!: number;
  /** @example "Europe/Oslo" */
  timezone!: string;
  /** @example "2026-11-25T18:30:00.000Z" */
  createdAt!: Date;
}

export class AuthResponseDto {
  user!: UserProfileDto;
  /**
   * Bearer token for the `Authorization` header; short-lived.
   * @example "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9..."
   */
  accessToken!: string;
  /**
   * Opaque, single use: exchange it at POST /auth/refresh for a new pair.
   * @example "fGJ9n0N3xv2m0bq0wQk3r2k3cF0WvJ7b4l7dQm0Zr3A"
   */
  refreshToken!: string;
  /**
   * Seconds until the access token expires.
   * @example 900
   */
  @ApiProperty({ type: 'integer' })
  expiresIn!: number;
}
