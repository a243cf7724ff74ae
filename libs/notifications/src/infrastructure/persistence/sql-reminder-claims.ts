import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import type { ClockTime } from '../../domain/preferences/clock-time.js';
import type { ReminderOutcome } from '../../domain/reminders/reminder-decision.js';
import { ReminderClaims, type ClaimToSend, type DueBatch } from '../../application/reminders/reminder-claims.js';
import type { ReminderClaim } from '../../application/reminders/reminder-jobs.js';
import { CLAIM_DUE_REMINDERS_SQL } from './sql-reminder-claim-due.js';

const minutes = (column: string): string => `(EXTRACT(EPOCH FROM ${column}) / 60)::int`;

interface SendRow extends Omit<ClaimToSend, 'quietHours'> {
  quietStart: number | null;
  quietEnd: number | null;
}

@Injectable()
export class SqlReminderClaims extends ReminderClaims {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async claimDueBatch(now: Date, limit: number): Promise<DueBatch> {
    const [row] = await this.transactions.prepared<DueBatch>('reminders.claim-due', CLAIM_DUE_REMINDERS_SQL, [
      now,
      limit,
    ]);
    return row!;
  }

  async markEnqueued(claims: readonly ReminderClaim[], now: Date): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE reminder_claims c SET enqueued_at = $3
       FROM unnest($1::int[], $2::date[]) AS q (user_id, local_date)
       WHERE c.user_id = q.user_id AND c.local_date = q.local_date AND c.kind = 'daily'`,
      [claims.map((claim) => claim.userId), claims.map((claim) => claim.localDate), now],
    );
  }

  async unqueued(claimedBefore: Date, limit: number): Promise<ReminderClaim[]> {
    return (await this.transactions.manager.query(
      `SELECT user_id AS "userId", to_char(local_date, 'YYYY-MM-DD') AS "localDate"
       FROM reminder_claims
       WHERE enqueued_at IS NULL AND claimed_at < $1 AND outcome IS NULL
       ORDER BY claimed_at LIMIT $2`,
      [claimedBefore, limit],
    )) as ReminderClaim[];
  }

  async lockForSend(claim: ReminderClaim, now: Date): Promise<ClaimToSend | undefined> {
    const [row] = (await this.transactions.manager.query(
      `SELECT c.outcome, p.reminder_enabled AS enabled, p.time_zone AS "timeZone",
              to_char(l.local_now::date, 'YYYY-MM-DD') AS today, ${minutes('l.local_now::time')} AS "timeNow",
              ${minutes('p.quiet_start')} AS "quietStart", ${minutes('p.quiet_end')} AS "quietEnd",
              to_char(p.practised_on, 'YYYY-MM-DD') AS "practisedOn"
       FROM reminder_claims c
       JOIN notification_preferences p ON p.user_id = c.user_id
       CROSS JOIN LATERAL (SELECT $3::timestamptz AT TIME ZONE p.time_zone AS local_now) l
       WHERE c.user_id = $1 AND c.local_date = $2::date AND c.kind = 'daily'
       FOR UPDATE OF c`,
      [claim.userId, claim.localDate, now],
    )) as SendRow[];
    if (!row) return undefined;
    const { quietStart, quietEnd, ...rest } = row;
    return {
      ...rest,
      quietHours: quietStart === null || quietEnd === null ? null : { start: quietStart, end: quietEnd },
    };
  }

  async instantOf(day: string, time: ClockTime, timeZone: string): Promise<Date> {
    const [row] = (await this.transactions.manager.query(
      `SELECT ($1::date + make_interval(mins => $2)) AT TIME ZONE $3 AS at`,
      [day, time, timeZone],
    )) as { at: Date }[];
    return row!.at;
  }

  async recordOutcome(claim: ReminderClaim, outcome: ReminderOutcome, dedupeKey?: string): Promise<void> {
    await this.transactions.manager.query(
      `UPDATE reminder_claims
       SET outcome = $3, notification_id = (SELECT notification_id FROM notifications WHERE dedupe_key = $4)
       WHERE user_id = $1 AND local_date = $2::date AND kind = 'daily'`,
      [claim.userId, claim.localDate, outcome, dedupeKey ?? null],
    );
  }
}
