import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';

/** Starts a real entry point the way `npm run dev:*` does, and collects how it ends. */
function runEntryPoint(
  [entry, ...args]: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', entry, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('boot with a bad setting', () => {
  it.each([
    [
      ['apps/api/src/main.ts'],
      { PORT: 'eighty' },
      /^Invalid configuration: PORT must be an integer number \(got "eighty"\)$/,
    ],
    [
      ['apps/worker/src/main.ts'],
      { REDIS_URL: 'localhost:6379' },
      /^Invalid configuration: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL \(got "localhost:6379"\)$/,
    ],
    [
      ['apps/worker/src/cli.ts', 'migrate'],
      { DATABASE_URL: 'mysql://db/x' },
      /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL/,
    ],
    [
      ['apps/api/src/main.ts'],
      { MEDIA_STORAGE: 's3', MEDIA_S3_BUCKET: 'lesson-media', MEDIA_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' },
      /^Invalid configuration: MEDIA_S3_SECRET_ACCESS_KEY must be set when MEDIA_STORAGE is s3 \(unset\)$/,
    ],
  ])('%j stops with exit code 1 and one line naming the variable', async (entry, env, expected) => {
    const { code, stderr } = await runEntryPoint(entry, env);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });
});
