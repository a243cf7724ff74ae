import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A broadcast reaches the audience as it was when it was sent: `audience_max_user_id` is the
 * newest account id at that moment, so accounts created while the fan-out runs (it takes a while
 * for a large audience) are not included half-way.
 */
export class BroadcastAudienceCap1764960000000 implements MigrationInterface {
  name = 'BroadcastAudienceCap1764960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE broadcasts ADD COLUMN audience_max_user_id integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE broadcasts DROP COLUMN audience_max_user_id`);
  }
}
