import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from './logging.module.js';

function logOnce(entry: Record<string, unknown>): string {
  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written += chunk.toString();
      callback();
    },
  });
  pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink).info(entry, 'request completed');
  return written;
}

describe('log redaction', () => {
  it('never writes credentials from request headers', () => {
    const line = logOnce({
      req: { headers: { authorization: 'Bearer eyJhbGciOi.secret', cookie: 'sid=abc123' } },
      res: { headers: { 'set-cookie': 'sid=abc123' } },
    });
    expect(line).not.toMatch(/eyJhbGciOi|abc123/);
    expect(line).toContain('[redacted]');
  });

  it('never writes passwords or tokens found one level down in a logged object', () => {
    const line = logOnce({
      body: { email: 'ada@example.com', password: 'hunter2-hunter2', refreshToken: 'rt_123', newPassword: 'n3w-pass' },
      result: { accessToken: 'at_456', token: 'push_789', currentPassword: 'old-pass' },
    });
    expect(line).not.toMatch(/hunter2|rt_123|n3w-pass|at_456|push_789|old-pass/);
    expect(line).toContain('ada@example.com');
  });
});
