import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { TopicLearners } from '@techtrek/progress';
import { isTopicAudience, type BroadcastAudience } from '../../domain/broadcasts/broadcast.js';
import { NOTIFICATION_STATUSES } from '../../domain/notification.js';
import {
  BroadcastAudiences,
  BroadcastRepository,
  type BroadcastRecord,
  type DeliveryCounts,
  type NewBroadcast,
} from '../../application/broadcasts/broadcast.repository.js';

const COLUMNS = `broadcast_id AS "id", title, body, audience, status, recipients, last_user_id AS "lastUserId",
  audience_max_user_id AS "audienceMaxUserId", created_at AS "createdAt", fanned_out_at AS "fannedOutAt"`;

@Injectable()
export class SqlBroadcastRepository extends BroadcastRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async create(broadcast: NewBroadcast): Promise<BroadcastRecord> {
    const [row] = await this.transactions.manager.query<BroadcastRecord[]>(
      `INSERT INTO broadcasts (created_by, title, body, audience, audience_max_user_id)
       VALUES ($1, $2, $3, $4::jsonb, (SELECT coalesce(max(user_id), 0) FROM users))
       RETURNING ${COLUMNS}`,
      [broadcast.createdBy, broadcast.title, broadcast.body, JSON.stringify(broadcast.audience)],
    );
    return row!;
  }

  async find(id: number): Promise<BroadcastRecord | undefined> {
    const [row] = await this.transactions.manager.query<BroadcastRecord[]>(
      `SELECT ${COLUMNS} FROM broadcasts WHERE broadcast_id = $1`,
      [id],
    );
    return row;
  }

  async lockForFanOut(id: number): Promise<BroadcastRecord | undefined> {
    const [row] = await this.transactions.manager.query<BroadcastRecord[]>(
      `SELECT ${COLUMNS} FROM broadcasts WHERE broadcast_id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async recordStep(id: number, lastUserId: number, created: number, finished: boolean): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE broadcasts
       SET last_user_id = $2, recipients = recipients + $3,
           status = CASE WHEN $4 THEN 'fanned_out' ELSE status END,
           fanned_out_at = CASE WHEN $4 THEN now() ELSE fanned_out_at END
       WHERE broadcast_id = $1`,
      [id, lastUserId, created, finished],
    );
  }

  async deliveryCounts(id: number): Promise<DeliveryCounts> {
    const rows = await this.transactions.manager.query<{ status: keyof DeliveryCounts; count: number }[]>(
      `SELECT status, count(*)::int AS count FROM notifications WHERE broadcast_id = $1 GROUP BY status`,
      [id],
    );
    const counts = Object.fromEntries(NOTIFICATION_STATUSES.map((status) => [status, 0])) as DeliveryCounts;
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }
}

/** Every learner from the accounts; a topic's learners from progress's public query. */
@Injectable()
export class SqlBroadcastAudiences extends BroadcastAudiences {
  constructor(
    private readonly transactions: Transactions,
    private readonly topicLearners: TopicLearners,
  ) {
    super();
  }

  async page(audience: BroadcastAudience, afterUserId: number, upToUserId: number, limit: number): Promise<number[]> {
    if (isTopicAudience(audience)) return this.topicLearners.page(audience.topic, afterUserId, upToUserId, limit);
    const rows = await this.transactions.manager.query<{ userId: number }[]>(
      `SELECT user_id AS "userId" FROM users
       WHERE user_id > $1 AND user_id <= $2 AND role = 'learner'
       ORDER BY user_id LIMIT $3`,
      [afterUserId, upToUserId, limit],
    );
    return rows.map((row) => row.userId);
  }

  async exists(audience: BroadcastAudience): Promise<boolean> {
    return isTopicAudience(audience) ? this.topicLearners.hasTopic(audience.topic) : true;
  }
}
