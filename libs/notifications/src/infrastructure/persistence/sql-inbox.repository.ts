import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { NotificationStatus } from '../../domain/notification.js';
import {
  InboxRepository,
  type FeedKey,
  type FeedRow,
  type InboxItem,
} from '../../application/inbox/inbox.repository.js';

const ITEM_COLUMNS = `notification_id AS "id", type, title, body, data, status, scheduled_time AS "scheduledTime",
  sent_at AS "sentAt", read_at AS "readAt", created_at AS "createdAt"`;

/** The cursor's time part: microseconds since the epoch (timestamptz's own precision, a safe integer). */
const MICROS = `(extract(epoch FROM scheduled_time) * 1000000)::bigint::text AS "micros"`;

type RawFeedRow = InboxItem & { micros: string };

@Injectable()
export class SqlInboxRepository extends InboxRepository {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async feed(userId: number, after: FeedKey | undefined, limit: number): Promise<FeedRow[]> {
    // The row comparison follows notifications_user_feed_idx (user_id, scheduled_time DESC, id DESC).
    const rows = await this.transactions.manager.query<RawFeedRow[]>(
      `SELECT ${ITEM_COLUMNS}, ${MICROS} FROM notifications
       WHERE user_id = $1 AND status <> 'cancelled'
         AND ($2::bigint IS NULL
              OR (scheduled_time, notification_id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::int))
       ORDER BY scheduled_time DESC, notification_id DESC
       LIMIT $4`,
      [userId, after?.scheduledMicros ?? null, after?.id ?? null, limit],
    );
    return rows.map(({ micros, ...item }) => ({ ...item, key: { scheduledMicros: Number(micros), id: item.id } }));
  }

  async unreadCount(userId: number): Promise<number> {
    const [row] = await this.transactions.manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND status = 'sent' AND read_at IS NULL`,
      [userId],
    );
    return row!.count;
  }

  async find(userId: number, id: number): Promise<InboxItem | undefined> {
    const [row] = await this.transactions.manager.query<InboxItem[]>(
      `SELECT ${ITEM_COLUMNS} FROM notifications WHERE notification_id = $1 AND user_id = $2 AND status <> 'cancelled'`,
      [id, userId],
    );
    return row;
  }

  async markRead(userId: number, id: number, at: Date): Promise<InboxItem | undefined> {
    const [row] = await this.transactions.manager.query<InboxItem[]>(
      `WITH marked AS (
         UPDATE notifications SET read_at = coalesce(read_at, $3)
         WHERE notification_id = $1 AND user_id = $2 AND status <> 'cancelled'
         RETURNING ${ITEM_COLUMNS}
       )
       SELECT * FROM marked`,
      [id, userId, at],
    );
    return row;
  }

  async cancel(userId: number, id: number): Promise<NotificationStatus | undefined> {
    // One statement: the update wins or loses against delivery's claim of the row, never half-way.
    const [row] = await this.transactions.manager.query<{ status: NotificationStatus }[]>(
      `WITH cancelled AS (
         UPDATE notifications SET status = 'cancelled'
         WHERE notification_id = $1 AND user_id = $2 AND status = 'scheduled'
         RETURNING status
       )
       SELECT status FROM cancelled
       UNION ALL
       SELECT status FROM notifications WHERE notification_id = $1 AND user_id = $2 AND NOT EXISTS (SELECT 1 FROM cancelled)`,
      [id, userId],
    );
    return row?.status;
  }
}
