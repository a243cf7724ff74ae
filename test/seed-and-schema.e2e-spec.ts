import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { TestHarness } from './support/test-harness.js';

const ADMIN = { ADMIN_EMAIL: 'Admin@TechTrek.Test', ADMIN_PASSWORD: 'correct-horse-battery' };

describe('schema and seed', () => {
  let harness: TestHarness;
  let db: pg.Client;
  const log: string[] = [];

  beforeAll(async () => {
    harness = await TestHarness.start(ADMIN);
    db = await harness.database();
  });

  afterAll(async () => {
    await harness?.close();
  });

  const rows = async (sql: string) => (await db.query(sql)).rows;
  /** Every row with its physical version: an UPDATE, even to equal values, changes xmin. */
  const snapshot = () =>
    Promise.all(['topics', 'lessons', 'users'].map((table) => rows(`SELECT xmin::text, * FROM ${table} ORDER BY 2`)));

  it('keeps the product spec tables and columns, with timestamptz for every timestamp', async () => {
    const spec: Record<string, string[]> = {
      users: ['user_id', 'email', 'username', 'password_hash', 'xp_points', 'current_streak', 'created_at'],
      lessons: ['lesson_id', 'topic', 'title', 'content', 'difficulty', 'sequence_order', 'created_at'],
      progress: ['progress_id', 'user_id', 'lesson_id', 'completion_status', 'score', 'completed_at'],
      gamification: ['record_id', 'user_id', 'badge', 'awarded_at'],
      notifications: ['notification_id', 'user_id', 'type', 'scheduled_time', 'delivered'],
      cms_content: ['content_id', 'title', 'description', 'lesson_id', 'updated_at'],
    };
    const columns = await rows(
      `SELECT table_name, column_name, data_type, numeric_precision, numeric_scale
       FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const [table, names] of Object.entries(spec)) {
      const present = columns.filter((column) => column.table_name === table).map((column) => column.column_name);
      expect(present).toEqual(expect.arrayContaining(names));
    }
    const timestamps = columns.filter((column) => /timestamp/.test(column.data_type));
    expect(timestamps.length).toBeGreaterThan(0);
    expect(timestamps.every((column) => column.data_type === 'timestamp with time zone')).toBe(true);
    expect(columns.find((c) => c.table_name === 'progress' && c.column_name === 'score')).toMatchObject({
      data_type: 'numeric',
      numeric_precision: 5,
      numeric_scale: 2,
    });
  });

  it('enforces one progress row per learner and lesson, and each badge once', async () => {
    const constraints = await rows(`SELECT conname FROM pg_constraint WHERE contype = 'u' ORDER BY conname`);
    expect(constraints.map((c) => c.conname)).toEqual(
      expect.arrayContaining(['progress_user_lesson_key', 'gamification_user_badge_key', 'users_email_key']),
    );
  });

  it('seeds the starter curriculum as published lessons in order, and the admin', async () => {
    await seed(harness.environment, (line) => log.push(line));

    const topics = await rows('SELECT topic, position FROM topics ORDER BY position');
    expect(topics.length).toBeGreaterThanOrEqual(6);
    const perTopic = await rows(
      `SELECT topic, count(*)::int AS lessons, array_agg(sequence_order ORDER BY sequence_order) AS orders,
              min(jsonb_array_length(exercises)) AS min_exercises, bool_and(status = 'published') AS published
       FROM lessons GROUP BY topic`,
    );
    for (const topic of perTopic) {
      expect(topic.lessons).toBeGreaterThanOrEqual(4);
      expect(topic.orders).toEqual(Array.from({ length: topic.lessons }, (_, index) => index + 1));
      expect(topic.min_exercises).toBeGreaterThanOrEqual(3);
      expect(topic.published).toBe(true);
    }
    const [admin] = await rows(`SELECT email, role, password_hash FROM users`);
    expect(admin).toMatchObject({ email: 'admin@techtrek.test', role: 'admin' });
    expect(admin.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(log.join('\n')).not.toContain(ADMIN.ADMIN_PASSWORD);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    await seed(harness.environment, (line) => log.push(line));
    expect(await snapshot()).toEqual(before);
    expect(log.at(-1)).toMatch(/^Admin account .+: unchanged$/);
  });

  it('never overwrites content edited since the last seed', async () => {
    await db.query(`UPDATE lessons SET title = 'Edited by an admin' WHERE sequence_order = 1 AND topic = 'apis'`);
    await seed(harness.environment, () => undefined);
    const [lesson] = await rows(`SELECT title FROM lessons WHERE sequence_order = 1 AND topic = 'apis'`);
    expect(lesson.title).toBe('Edited by an admin');
  });
});
