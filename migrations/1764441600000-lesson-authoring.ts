import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CMS's authoring model (issue #4):
 * - `lessons` is the working copy admins edit. `revision` counts its edits (the admin API's ETag
 *   and `If-Match`); `media` lists the uploaded assets it shows, by id, with their alt text.
 * - `lesson_versions` holds what learners see: publishing freezes the working copy as a new
 *   immutable version (a trigger refuses updates), `published_version` points at it. Edits to a
 *   live lesson stay invisible until the next publish, and attempts (issue #5) reference
 *   (lesson_id, version), so learners' history never changes under them.
 * - `catalogue_state.version` is bumped in the same transaction as every change learners can see;
 *   API instances key their caches by it (ADR 0003), so PostgreSQL, not Redis, is its truth.
 * - `audit_log`: who changed what, when, before and after. Actors are kept as ids and outlive
 *   their account (SET NULL), so erasing an admin keeps the trail without their personal data.
 * - `cms_content` gets the same `revision` for optimistic concurrency.
 * Existing published lessons become version 1 of themselves.
 */
export class LessonAuthoring1764441600000 implements MigrationInterface {
  name = 'LessonAuthoring1764441600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE lessons
        ADD COLUMN revision           integer NOT NULL DEFAULT 1,
        ADD COLUMN media              jsonb   NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN published_version  integer,
        ADD COLUMN published_revision integer,
        ADD CONSTRAINT lessons_media_is_array CHECK (jsonb_typeof(media) = 'array'),
        ADD CONSTRAINT lessons_revision_positive CHECK (revision > 0)`);

    await queryRunner.query(`
      CREATE TABLE lesson_versions (
        lesson_id         integer     NOT NULL REFERENCES lessons (lesson_id) ON DELETE CASCADE,
        version           integer     NOT NULL,
        revision          integer     NOT NULL,
        title             text        NOT NULL,
        summary           text        NOT NULL,
        content           text        NOT NULL,
        difficulty        text        NOT NULL,
        estimated_minutes integer     NOT NULL,
        media             jsonb       NOT NULL,
        exercises         jsonb       NOT NULL,
        published_at      timestamptz NOT NULL DEFAULT now(),
        published_by      integer     REFERENCES users (user_id) ON DELETE SET NULL,
        PRIMARY KEY (lesson_id, version),
        CONSTRAINT lesson_versions_version_positive CHECK (version > 0),
        CONSTRAINT lesson_versions_difficulty_known CHECK (difficulty IN ('beginner', 'intermediate', 'advanced'))
      )`);
    await queryRunner.query(`
      CREATE FUNCTION lesson_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'lesson versions are immutable (lesson %, version %)', OLD.lesson_id, OLD.version;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER lesson_versions_no_update BEFORE UPDATE ON lesson_versions
      FOR EACH ROW EXECUTE FUNCTION lesson_versions_immutable()`);
    await queryRunner.query(`
      INSERT INTO lesson_versions (lesson_id, version, revision, title, summary, content, difficulty,
                                   estimated_minutes, media, exercises, published_at)
      SELECT lesson_id, 1, revision, title, summary, content, difficulty, estimated_minutes, media, exercises, updated_at
      FROM lessons WHERE status = 'published'`);
    await queryRunner.query(
      `UPDATE lessons SET published_version = 1, published_revision = revision WHERE status = 'published'`,
    );
    // Only now: published lessons that existed before this migration have just got their version.
    await queryRunner.query(`
      ALTER TABLE lessons
        ADD CONSTRAINT lessons_published_has_version CHECK (status <> 'published' OR published_version IS NOT NULL)`);
    // The learner catalogue filters by the published difficulty.
    await queryRunner.query(`CREATE INDEX lesson_versions_difficulty_idx ON lesson_versions (difficulty)`);

    await queryRunner.query(`
      CREATE TABLE catalogue_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version   bigint  NOT NULL
      )`);
    // Starts at the creation time in ms, not 1: a database recreated from scratch never reuses a
    // version whose cached bytes may still sit in Redis.
    await queryRunner.query(
      `INSERT INTO catalogue_state (version) VALUES ((extract(epoch FROM clock_timestamp()) * 1000)::bigint)`,
    );

    await queryRunner.query(`
      CREATE TABLE audit_log (
        audit_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id    integer     REFERENCES users (user_id) ON DELETE SET NULL,
        action      text        NOT NULL,
        entity_type text        NOT NULL,
        entity_id   text        NOT NULL,
        before      jsonb,
        after       jsonb
      )`);
    // The admin list (newest first) and its filters: one entity's history, one actor's changes.
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, audit_id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, audit_id DESC)`);
    await queryRunner.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, audit_id DESC)`);

    await queryRunner.query(`
      ALTER TABLE cms_content
        ADD COLUMN revision   integer     NOT NULL DEFAULT 1,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT cms_content_title_length CHECK (char_length(title) BETWEEN 1 AND 200),
        ADD CONSTRAINT cms_content_revision_positive CHECK (revision > 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cms_content DROP COLUMN revision, DROP COLUMN created_at,
        DROP CONSTRAINT cms_content_title_length`);
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP TABLE catalogue_state`);
    await queryRunner.query(`DROP TABLE lesson_versions`);
    await queryRunner.query(`DROP FUNCTION lesson_versions_immutable()`);
    await queryRunner.query(`
      ALTER TABLE lessons DROP CONSTRAINT lessons_published_has_version,
        DROP COLUMN revision, DROP COLUMN media, DROP COLUMN published_version, DROP COLUMN published_revision`);
  }
}
