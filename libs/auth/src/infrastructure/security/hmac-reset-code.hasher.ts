import { Injectable } from '@nestjs/common';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { ResetCodeHasher } from '../../application/password-reset.repository.js';
import { JwtSettings } from './jwt-settings.js';

/** HMAC-SHA-256 keyed from the server secret (HKDF, its own purpose), bound to the user id. */
@Injectable()
export class HmacResetCodeHasher extends ResetCodeHasher {
  private readonly key: Buffer;

  constructor(settings: JwtSettings) {
    super();
    this.key = Buffer.from(hkdfSync('sha256', settings.secret, Buffer.alloc(0), 'techtrek password reset codes', 32));
  }

  hash(userId: number, code: string): Buffer {
    return createHmac('sha256', this.key).update(`${userId}:${code}`).digest();
  }

  matches(userId: number, code: string, codeHash: Buffer): boolean {
    const candidate = this.hash(userId, code);
    return candidate.length === codeHash.length && timingSafeEqual(candidate, codeHash);
  }
}
