import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { bearer, getMe, newLearner, signUp, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import { TestHarness } from './support/test-harness.js';

const HASH_LOOKING = /\$argon2|\$2[aby]\$|[0-9a-f]{64}/i;

describe('account lifecycle: passwords, roles, export, erasure', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  const outbox = mkdtempSync(path.join(tmpdir(), 'techtrek-outbox-'));

  beforeAll(async () => {
    harness = await TestHarness.start({ MAIL_OUTBOX_DIR: outbox });
    api = await harness.startApi();
    db = await harness.database();
  });

  afterAll(async () => {
    await harness?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const post = (url: string, payload?: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api.inject({ method: 'POST', url, payload, headers });
  const login = (email: unknown, password: unknown) => post('/auth/login', { email, password });

  /** The code from the newest reset mail to `email` (the development outbox writes JSON files). */
  async function mailedCode(email: string): Promise<string> {
    for (let waited = 0; waited < 3_000; waited += 50) {
      const mails = readdirSync(outbox)
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => JSON.parse(readFileSync(path.join(outbox, file), 'utf8')) as { to: string; text: string });
      const mail = mails.reverse().find((candidate) => candidate.to === email);
      const code = mail?.text.match(/\b(\d{6})\b/)?.[1];
      if (code) return code;
      await sleep(50);
    }
    throw new Error(`no reset mail to ${email}`);
  }

  describe('password change', () => {
    it('needs the current password, then ends every other session but this one', async () => {
      const body = newLearner();
      const phone = await signUp(api, body);
      const laptop = (await login(body.email, body.password)).json<SignedIn>();
      const change = (currentPassword: string) =>
        post(
          '/auth/password',
          { currentPassword, newPassword: 'brand-new-quiet-meadow-7' },
          bearer(laptop.accessToken),
        );

      expectProblem(await change('not-the-password'), 401, 'AUTH.INVALID_CREDENTIALS');
      expect((await change(String(body.password))).statusCode).toBe(204);
      expectProblem(await getMe(api, phone.accessToken), 401);
      expectProblem(await post('/auth/refresh', { refreshToken: phone.refreshToken }), 401);
      expect((await getMe(api, laptop.accessToken)).statusCode).toBe(200);
      expectProblem(await login(body.email, body.password), 401);
      expect((await login(body.email, 'brand-new-quiet-meadow-7')).statusCode).toBe(200);
    });

    it('applies the password policy to the new password', async () => {
      const session = await signUp(api);
      const response = await post(
        '/auth/password',
        { currentPassword: 'violet-kayak-orbit-91', newPassword: 'qwertyuiop' },
        bearer(session.accessToken),
      );
      const problem = expectProblem(response, 400);
      expect(problem.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    });
  });

  describe('password reset by emailed code', () => {
    it('answers 202 whether or not the email has an account', async () => {
      expect((await post('/auth/password/forgot', { email: 'nobody-here@example.com' })).statusCode).toBe(202);
      expect((await post('/auth/password/forgot', { email: 'not an email' })).statusCode).toBe(202);
      expectProblem(await post('/auth/password/forgot', {}), 400);
    });

    it('sets a new password with the mailed code, once, and ends every session', async () => {
      const body = newLearner();
      const session = await signUp(api, body);
      expect((await post('/auth/password/forgot', { email: body.email })).statusCode).toBe(202);
      const code = await mailedCode(String(body.email));
      const reset = (payload: Record<string, unknown>) =>
        post('/auth/password/reset', { email: body.email, newPassword: 'sunlit-harbor-crane-42', ...payload });

      expect((await reset({ code })).statusCode).toBe(204);
      expectProblem(await getMe(api, session.accessToken), 401);
      expect((await login(body.email, 'sunlit-harbor-crane-42')).statusCode).toBe(200);
      expectProblem(await reset({ code }), 400, 'AUTH.INVALID_RESET_CODE');
    });

    it('allows 5 tries, then the code is dead even when right', async () => {
      const body = newLearner();
      await signUp(api, body);
      await post('/auth/password/forgot', { email: body.email });
      const code = await mailedCode(String(body.email));
      const wrong = code === '000000' ? '111111' : '000000';
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expectProblem(
          await post('/auth/password/reset', { email: body.email, code: wrong, newPassword: 'sunlit-harbor-crane-42' }),
          400,
        );
      }
      expectProblem(
        await post('/auth/password/reset', { email: body.email, code, newPassword: 'sunlit-harbor-crane-42' }),
        400,
        'AUTH.INVALID_RESET_CODE',
      );
    });

    it('stores codes only as keyed hashes, and never logs them in the mail subject', async () => {
      const body = newLearner();
      await signUp(api, body);
      await post('/auth/password/forgot', { email: body.email });
      const code = await mailedCode(String(body.email));
      const { rows } = await db.query(`SELECT encode(code_hash, 'escape') AS raw FROM password_reset_codes`);
      expect(JSON.stringify(rows)).not.toContain(code);
      const mails = readdirSync(outbox).map((file) => JSON.parse(readFileSync(path.join(outbox, file), 'utf8')));
      expect(mails.every((mail: { subject: string }) => !/\d{6}/.test(mail.subject))).toBe(true);
    });

    it.each([
      [{ email: 'a@b.co', code: '12345', newPassword: 'sunlit-harbor-crane-42' }],
      [{ email: 'a@b.co', code: '123456' }],
    ])('answers a malformed body %j with a 400 problem', async (payload) => {
      expectProblem(await post('/auth/password/reset', payload), 400, 'REQUEST.VALIDATION_FAILED');
    });
  });

  describe('roles', () => {
    it('lets an admin promote and demote others (never themselves), effective at once', async () => {
      const admin = await signUp(api);
      await db.query(`UPDATE users SET role = 'admin' WHERE user_id = $1`, [admin.user.id]);
      const adminAgain = (await login(admin.user.email, 'violet-kayak-orbit-91')).json<SignedIn>();
      const learner = await signUp(api);
      const setRole = (token: string, id: number, role: string) =>
        api.inject({ method: 'PATCH', url: `/admin/users/${id}/role`, headers: bearer(token), payload: { role } });

      expectProblem(
        await api.inject({ method: 'PATCH', url: `/admin/users/${learner.user.id}/role`, payload: { role: 'admin' } }),
        401,
      );
      expectProblem(await setRole(learner.accessToken, learner.user.id, 'admin'), 403, 'AUTH.FORBIDDEN');
      expectProblem(
        await setRole(adminAgain.accessToken, adminAgain.user.id, 'learner'),
        403,
        'AUTH.CANNOT_CHANGE_OWN_ROLE',
      );
      expectProblem(await setRole(adminAgain.accessToken, learner.user.id, 'superuser'), 400);
      expectProblem(await setRole(adminAgain.accessToken, 999999, 'admin'), 404);
      expectProblem(await setRole(adminAgain.accessToken, 2_147_483_648, 'admin'), 404);
      expectProblem(
        await api.inject({
          method: 'PATCH',
          url: '/admin/users/abc/role',
          headers: bearer(adminAgain.accessToken),
          payload: { role: 'admin' },
        }),
        400,
      );

      const promoted = await setRole(adminAgain.accessToken, learner.user.id, 'admin');
      expect(promoted.statusCode).toBe(200);
      expect(promoted.json()).toMatchObject({ id: learner.user.id, role: 'admin' });
      expectProblem(await getMe(api, learner.accessToken), 401);
      const refreshed = (await post('/auth/refresh', { refreshToken: learner.refreshToken })).json<SignedIn>();
      expect(refreshed.user.role).toBe('admin');
      expect((await setRole(refreshed.accessToken, adminAgain.user.id, 'learner')).statusCode).toBe(200);
    });
  });

  describe('data export and erasure', () => {
    it('exports everything stored about the caller and nothing about anyone else', async () => {
      const me = await signUp(api);
      const other = await signUp(api);
      const [lesson] = (await db.query(`SELECT lesson_id FROM lessons LIMIT 1`)).rows;
      if (lesson) {
        await db.query(
          `INSERT INTO progress (user_id, lesson_id, completion_status, score, completed_at) VALUES ($1, $2, 'completed', 90, now()), ($3, $2, 'completed', 40, now())`,
          [me.user.id, lesson.lesson_id, other.user.id],
        );
      }
      await db.query(`INSERT INTO gamification (user_id, badge) VALUES ($1, 'first-lesson'), ($2, 'other-badge')`, [
        me.user.id,
        other.user.id,
      ]);
      await db.query(
        `INSERT INTO notifications (user_id, type, scheduled_time) VALUES ($1, 'daily-reminder', now()), ($2, 'other-type', now())`,
        [me.user.id, other.user.id],
      );

      const response = await api.inject({ method: 'GET', url: '/me/export', headers: bearer(me.accessToken) });
      expect(response.statusCode).toBe(200);
      const exported = response.json<Record<string, unknown>>();
      expect(exported).toMatchObject({
        account: { id: me.user.id, email: me.user.email },
        sessions: [expect.objectContaining({ sessionId: expect.any(String) })],
        badges: [expect.objectContaining({ badge: 'first-lesson' })],
        notifications: [expect.objectContaining({ type: 'daily-reminder' })],
      });
      if (lesson)
        expect(exported.progress).toEqual([expect.objectContaining({ lessonId: lesson.lesson_id, bestScore: 90 })]);
      expect(response.body).not.toContain(other.user.email);
      expect(response.body).not.toMatch(/other-badge|other-type|password/i);
      expect(response.body).not.toMatch(HASH_LOOKING);
    });

    it('erases the account and every row that belongs to it, and its tokens stop working', async () => {
      const me = await signUp(api);
      const survivor = await signUp(api);
      await db.query(`INSERT INTO gamification (user_id, badge) VALUES ($1, 'first-lesson'), ($2, 'first-lesson')`, [
        me.user.id,
        survivor.user.id,
      ]);
      await db.query(`INSERT INTO notifications (user_id, type, scheduled_time) VALUES ($1, 'daily-reminder', now())`, [
        me.user.id,
      ]);
      await post('/auth/password/forgot', { email: me.user.email });
      await mailedCode(me.user.email);

      const remove = (password: string) =>
        api.inject({ method: 'DELETE', url: '/me', headers: bearer(me.accessToken), payload: { password } });
      expectProblem(await remove('wrong-password-here'), 401);
      expectProblem(
        await api.inject({ method: 'DELETE', url: '/me', headers: bearer(me.accessToken), payload: {} }),
        400,
      );
      expect((await remove('violet-kayak-orbit-91')).statusCode).toBe(204);

      const tables = (
        await db.query(
          `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'user_id'`,
        )
      ).rows.map((row: { table_name: string }) => row.table_name);
      expect(tables).toEqual(
        expect.arrayContaining([
          'users',
          'sessions',
          'progress',
          'gamification',
          'notifications',
          'password_reset_codes',
        ]),
      );
      for (const table of tables) {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [me.user.id]);
        expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
      }
      const { rows: tokens } = await db.query(
        `SELECT count(*)::int AS n FROM refresh_tokens t LEFT JOIN sessions s USING (session_id) WHERE s.session_id IS NULL`,
      );
      expect(tokens[0].n).toBe(0);
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM gamification WHERE user_id = $1`, [survivor.user.id])).rows[0]
          .n,
      ).toBe(1);
      expectProblem(await getMe(api, me.accessToken), 401);
      expectProblem(await post('/auth/refresh', { refreshToken: me.refreshToken }), 401);
      expectProblem(await login(me.user.email, 'violet-kayak-orbit-91'), 401);
    });
  });
});

describe('auth while Redis is down', () => {
  it('still refuses a logged-out token and accepts a live one (PostgreSQL answers instead)', async () => {
    const harness = await TestHarness.start({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const api = await harness.startApi();
      const session = await signUp(api);
      const other = await signUp(api);
      expect(
        (await api.inject({ method: 'POST', url: '/auth/logout', headers: bearer(session.accessToken) })).statusCode,
      ).toBe(204);
      expectProblem(await getMe(api, session.accessToken), 401);
      expect((await getMe(api, other.accessToken)).statusCode).toBe(200);
    } finally {
      await harness.close();
    }
  });
});
