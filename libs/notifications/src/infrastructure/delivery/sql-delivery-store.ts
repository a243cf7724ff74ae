import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import {
  DeliveryStore,
  type ClaimedNotification,
  type DeliveryDevice,
  type IssuedTicket,
  type TicketCheck,
  type UncheckedTicket,
} from '../../application/delivery/delivery-store.js';

/** Delivery's statements; each is one statement, so none needs a transaction of its own. */
@Injectable()
export class SqlDeliveryStore extends DeliveryStore {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async claim(id: number, now: Date): Promise<ClaimedNotification | { status: string } | undefined> {
    // One statement: the claim if the row is claimable, else the row's status as it stands.
    const [row] = await this.transactions.prepared<{
      claimed: boolean;
      status: string;
      userId: number;
      title: string;
      body: string;
      data: Record<string, string>;
    }>(
      'notifications_delivery_claim',
      `WITH claimed AS (
         UPDATE notifications SET status = 'sending', attempts = attempts + 1
         WHERE notification_id = $1 AND status = 'scheduled' AND scheduled_time <= $2
         RETURNING user_id, title, body, data
       )
       SELECT true AS claimed, 'sending' AS status, user_id AS "userId", title, body, data FROM claimed
       UNION ALL
       SELECT false, status, user_id, title, body, data FROM notifications
       WHERE notification_id = $1 AND NOT EXISTS (SELECT 1 FROM claimed)`,
      [id, now],
    );
    if (!row) return undefined;
    if (!row.claimed) return { status: row.status };
    return { id, userId: row.userId, title: row.title, body: row.body, data: row.data };
  }

  async devicesToReach(notification: ClaimedNotification): Promise<DeliveryDevice[]> {
    return this.transactions.prepared<DeliveryDevice>(
      'notifications_delivery_devices',
      `SELECT d.token, d.provider FROM devices d
       WHERE d.user_id = $1
         AND NOT EXISTS (SELECT 1 FROM push_tickets t WHERE t.notification_id = $2 AND t.device_token = d.token)
       ORDER BY d.device_id`,
      [notification.userId, notification.id],
    );
  }

  async recordTickets(notificationId: number, tickets: readonly IssuedTicket[]): Promise<void> {
    if (tickets.length === 0) return;
    await this.transactions.manager.query(
      `WITH stored AS (
         INSERT INTO push_tickets (ticket_id, notification_id, provider, device_token)
         SELECT ticket, $1, provider, token FROM unnest($2::text[], $3::text[], $4::text[]) AS t (ticket, provider, token)
         ON CONFLICT (ticket_id) DO NOTHING
       )
       UPDATE notifications SET provider_ticket_id = ($2::text[])[1]
       WHERE notification_id = $1 AND provider_ticket_id IS NULL`,
      [
        notificationId,
        tickets.map(({ ticketId }) => ticketId),
        tickets.map(({ provider }) => provider),
        tickets.map(({ token }) => token),
      ],
    );
  }

  async hasTickets(notificationId: number): Promise<boolean> {
    const [row] = await this.transactions.manager.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM push_tickets WHERE notification_id = $1) AS found`,
      [notificationId],
    );
    return row?.found ?? false;
  }

  async removeDevices(tokens: readonly string[], registeredBy: Date): Promise<number> {
    if (tokens.length === 0) return 0;
    const removed = await this.transactions.manager.query<unknown[]>(
      `WITH removed AS (DELETE FROM devices WHERE token = ANY($1::text[]) AND updated_at <= $2 RETURNING 1)
       SELECT * FROM removed`,
      [tokens, registeredBy],
    );
    return removed.length;
  }

  async markSent(id: number, now: Date, lastError: string | null): Promise<void> {
    await this.transactions.prepared(
      'notifications_delivery_sent',
      `UPDATE notifications SET status = 'sent', sent_at = $2, last_error = $3
       WHERE notification_id = $1 AND status = 'sending'`,
      [id, now, lastError],
    );
  }

  async markFailed(id: number, error: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE notifications SET status = 'failed', last_error = $2 WHERE notification_id = $1 AND status = 'sending'`,
      [id, error],
    );
  }

  async backToScheduled(id: number, error: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE notifications SET status = 'scheduled', last_error = $2 WHERE notification_id = $1 AND status = 'sending'`,
      [id, error],
    );
  }

  async uncheckedTickets(createdBefore: Date, limit: number): Promise<UncheckedTicket[]> {
    return this.transactions.manager.query<UncheckedTicket[]>(
      `SELECT ticket_id AS "ticketId", provider, device_token AS "token", created_at AS "createdAt"
       FROM push_tickets WHERE checked_at IS NULL AND created_at <= $1
       ORDER BY created_at LIMIT $2`,
      [createdBefore, limit],
    );
  }

  async recordChecks(checks: readonly TicketCheck[], now: Date): Promise<void> {
    if (checks.length === 0) return;
    await this.transactions.manager.query(
      `UPDATE push_tickets t SET checked_at = $1, receipt_status = c.status, receipt_error = c.error
       FROM unnest($2::text[], $3::text[], $4::text[]) AS c (ticket_id, status, error)
       WHERE t.ticket_id = c.ticket_id`,
      [
        now,
        checks.map(({ ticketId }) => ticketId),
        checks.map(({ status }) => status),
        checks.map(({ error }) => error ?? null),
      ],
    );
  }

  async overdue(dueBefore: Date, limit: number): Promise<number[]> {
    const rows = await this.transactions.manager.query<{ id: number }[]>(
      `SELECT notification_id AS "id" FROM notifications
       WHERE status = 'scheduled' AND scheduled_time < $1
       ORDER BY scheduled_time LIMIT $2`,
      [dueBefore, limit],
    );
    return rows.map(({ id }) => id);
  }
}
