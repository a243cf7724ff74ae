import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { Environment } from '@techtrek/platform';
import { databaseUrlFor, dropDatabase } from '@techtrek/platform/testing';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, newLearner, signUp } from './support/auth-client.js';
import { answersFor, publishedLessons } from './support/lesson-answers.js';
import { TestHarness } from './support/test-harness.js';
import { currentTestRun, TEST_SERVER_URL } from './support/test-run.js';

const run = promisify(execFile);
const SCRIPTS = join(process.cwd(), 'scripts');

interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of our bash scripts; a non-zero exit is a result to assert on, not a thrown error. */
async function script(name: string, args: string[], env: Record<string, string> = {}): Promise<ScriptResult> {
  try {
    const { stdout, stderr } = await run('bash', [join(SCRIPTS, name), ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Each table's row count and a digest of all its rows, plus each sequence's position. */
async function fingerprint(databaseUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query(
        `SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM "${name}" t`,
      );
      result[name] = `${rows[0].n} rows ${rows[0].digest}`;
    }
    const { rows: sequences } = await client.query(
      `SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'`,
    );
    for (const sequence of sequences) result[`sequence ${sequence.sequencename}`] = String(sequence.last_value);
    return result;
  } finally {
    await client.end();
  }
}

async function createEmptyDatabase(): Promise<string> {
  // Named under the run's prefix, so the run's teardown drops it even if this file crashes.
  const name = `${currentTestRun().databasePrefix}_restore_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`).finally(() => client.end());
  return databaseUrlFor(TEST_SERVER_URL, name);
}

const databaseName = (url: string) => new URL(url).pathname.slice(1);

describe('backups: scripts/backup.sh and scripts/restore.sh', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let restoredApi: NestFastifyApplication | undefined;
  let folder: string;
  const restoredDatabases: string[] = [];
  const learner = newLearner();

  beforeAll(async () => {
    harness = await TestHarness.start();
    await seed(harness.environment, () => undefined);
    api = await harness.startApi();
    folder = await mkdtemp(join(tmpdir(), 'techtrek-backup-'));
  });

  afterAll(async () => {
    await restoredApi?.close();
    for (const url of restoredDatabases) await dropDatabase(TEST_SERVER_URL, databaseName(url));
    await harness?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const emptyTarget = async () => {
    const url = await createEmptyDatabase();
    restoredDatabases.push(url);
    return url;
  };

  /** A learner with a passed lesson (XP, streak, badges), saved preferences and feedback. */
  async function arrangeLearnerData(): Promise<number> {
    const account = await signUp(api, learner);
    const as = asUser(api, account.accessToken);
    const [lesson] = await publishedLessons(await harness.database());
    const attempt = await as('POST', '/progress', { lessonId: lesson.lessonId, answers: answersFor(lesson) });
    expect(attempt.statusCode).toBe(201);
    const outcome = attempt.json<{ newBadges: unknown[]; totalXp: number }>();
    expect(outcome.newBadges.length).toBeGreaterThan(0);
    const preferences = {
      dailyReminder: { enabled: true, localTime: '20:30' },
      milestoneAlerts: false,
      quietHours: null,
    };
    expect((await as('PUT', '/notifications/preferences', preferences)).statusCode).toBe(200);
    expect((await as('POST', '/feedback', { lessonId: lesson.lessonId, rating: 5 })).statusCode).toBe(201);
    return outcome.totalXp;
  }

  it('restores every row into an empty database, and the API signs the learner in from it', async () => {
    const xp = await arrangeLearnerData();
    expect(xp).toBeGreaterThan(0);
    const backup = await script('backup.sh', [join(folder, 'nightly.dump')], { DATABASE_URL: harness.databaseUrl });
    expect(backup).toMatchObject({ code: 0, stdout: `${join(folder, 'nightly.dump')}\n` });
    const source = await fingerprint(harness.databaseUrl);
    expect(source.users).toMatch(/^1 rows/);
    expect(source.lesson_attempts).toMatch(/^1 rows/);
    expect(source.notification_preferences).toMatch(/^1 rows/);

    const target = await emptyTarget();
    const restore = await script('restore.sh', ['--target', target, join(folder, 'nightly.dump')]);
    expect(restore.code).toBe(0);
    expect(await fingerprint(target)).toEqual(source);

    restoredApi = await startApiOn(target);
    const login = await restoredApi.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: learner.email, password: learner.password },
    });
    expect(login.statusCode).toBe(200);
    const me = await asUser(restoredApi, login.json<{ accessToken: string }>().accessToken)('GET', '/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: learner.email, xp });
  });

  it('refuses a non-empty target without --force, and a bad archive leaves the target as it was', async () => {
    const good = join(folder, 'good.dump');
    expect((await script('backup.sh', [good], { DATABASE_URL: harness.databaseUrl })).code).toBe(0);
    const target = await emptyTarget();
    expect((await script('restore.sh', ['--target', target, good])).code).toBe(0);
    const before = await fingerprint(target);

    const again = await script('restore.sh', ['--target', target, good]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/target database is not empty .*--force/);

    const corrupt = await copyWithChecksum(good, 'corrupt.dump');
    const bytes = await readFile(corrupt);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    await writeFile(corrupt, bytes);
    const mismatch = await script('restore.sh', ['--force', '--target', target, corrupt]);
    expect(mismatch.code).not.toBe(0);
    expect(mismatch.stderr).toMatch(/checksum mismatch .*nothing was restored/);

    // A cut archive with a matching checksum (cut before it was summed) fails inside pg_restore:
    // the DROPs of --clean already ran by then, and the single transaction must undo them.
    const cut = join(folder, 'cut.dump');
    await writeFile(cut, (await readFile(good)).subarray(0, Math.floor(bytes.length * 0.8)));
    await sumInto(cut);
    const broken = await script('restore.sh', ['--force', '--target', target, cut]);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/pg_restore failed .*target is unchanged/);

    expect(await fingerprint(target)).toEqual(before);
  });

  async function startApiOn(databaseUrl: string): Promise<NestFastifyApplication> {
    const { createApiApp } = await import('../apps/api/src/bootstrap.js');
    // A fresh Redis prefix too: everything the API knows must come from the restored database.
    const environment = Object.assign(new Environment(), harness.environment, {
      DATABASE_URL: databaseUrl,
      REDIS_KEY_PREFIX: `${harness.environment.REDIS_KEY_PREFIX}restored:`,
    });
    const app = await createApiApp(environment);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }

  async function copyWithChecksum(file: string, name: string): Promise<string> {
    const copy = join(folder, name);
    await writeFile(copy, await readFile(file));
    const sum = (await readFile(`${file}.sha256`, 'utf8')).split(' ')[0];
    await writeFile(`${copy}.sha256`, `${sum}  ${name}\n`);
    return copy;
  }

  async function sumInto(file: string): Promise<void> {
    const { stdout } = await run('sha256sum', [file]);
    await writeFile(`${file}.sha256`, stdout);
  }
});
