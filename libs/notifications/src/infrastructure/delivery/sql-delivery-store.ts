import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import {
  DeliveryStore,
  type DeliveryClaim,
  type DueNotification,
  type IssuedTicket,
  type TicketCheck,
  type UncheckedTicket,
} from '../../application/delivery/delivery-store.js';

/** Stores a notification's tickets given as three arrays (ids, providers, tokens), by placeholder. */
const STORE_TICKETS = (notification: string, ids: string, providers: string, tokens: string): string =>
  `INSERT INTO push_tickets (ticket_id, notification_id, provider, device_token)
   SELECT ticket, ${notification}, provider, token
   FROM unnest(${ids}::text[], ${providers}::text[], ${tokens}::text[]) AS t (ticket, provider, token)
   ON CONFLICT (ticket_id) DO NOTHING`;

/** Delivery's statements; each is one statement, so none needs a transaction of its own. */
@Injectable()
export class SqlDeliveryStore extends DeliveryStore {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async findDue(id: number, now: Date): Promise<DueNotification | { status: string } | undefined> {
    const [row] = await this.transactions.prepared<DueNotification & { status: string; due: boolean }>(
      'notifications_delivery_find',
      `SELECT n.notification_id AS "id", n.user_id AS "userId", n.title, n.body, n.data, n.attempts AS "fence",
              n.status, n.scheduled_time <= $2 AS "due",
              COALESCE((
                SELECT json_agg(json_build_object('token', d.token, 'provider', d.provider) ORDER BY d.device_id)
                FROM devices d
                WHERE d.user_id = n.user_id AND n.status = 'scheduled'
                  AND NOT EXISTS (
                    SELECT 1 FROM push_tickets t WHERE t.notification_id = n.notification_id AND t.device_token = d.token)
              ), '[]') AS devices
       FROM notifications n WHERE n.notification_id = $1`,
      [id, now],
    );
    if (!row) return undefined;
    if (row.status !== 'scheduled' || !row.due) return { status: row.due ? row.status : 'not due' };
    const { id: found, userId, title, body, data, fence, devices } = row;
    return { id: found, userId, title, body, data, fence, devices };
  }

  async handOver(claims: readonly { notificationId: number; fence: number }[]): Promise<Set<number>> {
    if (claims.length === 0) return new Set();
    const moved = await this.transactions.prepared<{ id: number }>(
      'notifications_delivery_hand_over',
      `WITH moved AS (
         UPDATE notifications n SET status = 'sending', attempts = c.fence + 1
         FROM unnest($1::int[], $2::int[]) AS c (id, fence)
         WHERE n.notification_id = c.id AND n.status = 'scheduled' AND n.attempts = c.fence
         RETURNING n.notification_id AS "id"
       )
       SELECT * FROM moved`,
      [claims.map(({ notificationId }) => notificationId), claims.map(({ fence }) => fence)],
    );
    return new Set(moved.map(({ id }) => id));
  }

  async recordTickets(notificationId: number, tickets: readonly IssuedTicket[]): Promise<void> {
    if (tickets.length === 0) return;
    await this.transactions.manager.query(
      `WITH stored AS (${STORE_TICKETS('$1', '$2', '$3', '$4')})
       UPDATE notifications SET provider_ticket_id = ($2::text[])[1]
       WHERE notification_id = $1 AND provider_ticket_id IS NULL`,
      [notificationId, ...ticketColumns(tickets)],
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

  async markSent(
    claim: DeliveryClaim,
    tickets: readonly IssuedTicket[],
    now: Date,
    lastError: string | null,
  ): Promise<void> {
    await this.transactions.prepared(
      'notifications_delivery_sent',
      `WITH stored AS (${STORE_TICKETS('$1', '$5', '$6', '$7')})
       UPDATE notifications
       SET status = 'sent', sent_at = $3, last_error = $4, attempts = $2 + 1,
           provider_ticket_id = COALESCE(provider_ticket_id, ($5::text[])[1])
       WHERE notification_id = $1
         AND ((status = 'scheduled' AND attempts = $2) OR (status = 'sending' AND attempts = $2 + 1))`,
      [claim.notificationId, claim.fence, now, lastError, ...ticketColumns(tickets)],
    );
  }

  async markFailed(claim: DeliveryClaim, error: string): Promise<void> {
    await this.finish('notifications_delivery_failed', claim, `status = 'failed', last_error = $3`, [error]);
  }

  async backToScheduled(claim: DeliveryClaim, error: string): Promise<void> {
    await this.finish('notifications_delivery_retry', claim, `status = 'scheduled', last_error = $3`, [error]);
  }

  async failInterrupted(id: number, error: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE notifications SET status = 'failed', last_error = $2 WHERE notification_id = $1 AND status = 'sending'`,
      [id, error],
    );
  }

  /** Ends a try, only while it still holds the row: `scheduled` at its fence, or `sending` at fence + 1. */
  private async finish(name: string, claim: DeliveryClaim, changes: string, values: unknown[]): Promise<void> {
    await this.transactions.prepared(
      name,
      `UPDATE notifications SET ${changes}, attempts = $2 + 1
       WHERE notification_id = $1
         AND ((status = 'scheduled' AND attempts = $2) OR (status = 'sending' AND attempts = $2 + 1))`,
      [claim.notificationId, claim.fence, ...values],
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

/** Tickets as the three arrays an `unnest(ticket, provider, token)` reads. */
function ticketColumns(tickets: readonly IssuedTicket[]): [string[], string[], string[]] {
  return [
    tickets.map(({ ticketId }) => ticketId),
    tickets.map(({ provider }) => provider),
    tickets.map(({ token }) => token),
  ];
}
