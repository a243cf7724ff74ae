import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { RefreshTokenCodec } from '../../application/token-services.js';

const TOKEN_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** 256 random bits, base64url; SHA-256 at rest; AES-256-GCM under a key derived (HKDF) from the token. */
@Injectable()
export class OpaqueRefreshTokenCodec extends RefreshTokenCodec {
  generate(): { token: string; hash: Buffer } {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    return { token, hash: this.hash(token) };
  }

  hash(token: string): Buffer {
    return createHash('sha256').update(token, 'utf8').digest();
  }

  seal(plaintext: string, token: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(token), iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  open(ciphertext: Buffer, token: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(token), ciphertext.subarray(0, IV_BYTES));
    decipher.setAuthTag(ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(ciphertext.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  private keyFor(token: string): Buffer {
    return Buffer.from(hkdfSync('sha256', token, Buffer.alloc(0), 'techtrek refresh successor', 32));
  }
}
