import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { databaseUrlFor, dropDatabase, migrate } from '@techtrek/platform/testing';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS } from '../migrations/index.js';
import { currentTestRun, TEST_SERVER_URL } from './support/test-run.js';

/**
 * Migrations run against databases that already hold data, not only against empty ones: this
 * upgrades a database seeded before the CMS migration (published and draft lessons) and checks
 * what learners see survives it.
 */
describe('upgrading a database with content through the lesson-authoring migration', () => {
  const name = `${currentTestRun().databasePrefix}_upgrade_${randomBytes(3).toString('hex')}`;
  const url = databaseUrlFor(TEST_SERVER_URL, name);
  let db: pg.Client;

  beforeAll(async () => {
    const server = new pg.Client({ connectionString: TEST_SERVER_URL });
    await server.connect();
    await server.query(`CREATE DATABASE "${name}"`);
    await server.end();
    const authoring = MIGRATIONS.findIndex((migration) => migration.name === 'LessonAuthoring1764441600000');
    expect(authoring).toBeGreaterThan(0);
    await migrate(url, MIGRATIONS.slice(0, authoring));
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`INSERT INTO topics (topic, title, position) VALUES ('apis', 'APIs', 1)`);
    await db.query(
      `INSERT INTO lessons (topic, title, content, difficulty, sequence_order, status, exercises)
       VALUES ('apis', 'Live', '# Live', 'beginner', 1, 'published', '[]'),
              ('apis', 'Draft', '# Draft', 'beginner', 2, 'draft', '[]')`,
    );
    await migrate(url, MIGRATIONS);
  });

  afterAll(async () => {
    await db?.end();
    await dropDatabase(TEST_SERVER_URL, name);
  });

  it('makes every published lesson version 1 of itself and leaves drafts unpublished', async () => {
    const { rows } = await db.query(
      `SELECT l.title, l.status, l.published_version AS "publishedVersion", v.title AS "versionTitle"
       FROM lessons l LEFT JOIN lesson_versions v ON v.lesson_id = l.lesson_id ORDER BY l.sequence_order`,
    );
    expect(rows).toEqual([
      { title: 'Live', status: 'published', publishedVersion: 1, versionTitle: 'Live' },
      { title: 'Draft', status: 'draft', publishedVersion: null, versionTitle: null },
    ]);
  });
});
