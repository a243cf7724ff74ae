/* Plain text, no imports: the `reminders` bench runs the very statement the tick runs. */

/**
 * The tick's one statement. `due` walks `notification_preferences_reminder_due_idx` (oldest
 * first) and locks what it takes, skipping rows another tick holds. Of those, a schedule whose
 * date is still the learner's today and not practised gets its claim (the primary key
 * (user, local date, kind) refuses a second one, whichever worker, restart or retry tries);
 * every one moves on to the next day: the day after, or today if a missed day left it behind
 * (today is then claimed by the next batch if its time has come too).
 */
export const CLAIM_DUE_REMINDERS_SQL = `
  WITH due AS (
    SELECT p.user_id, p.reminder_due_on AS due_on, p.practised_on,
           ($1::timestamptz AT TIME ZONE p.time_zone)::date AS today
    FROM notification_preferences p
    WHERE p.reminder_due_at <= $1 AND p.reminder_due_at IS NOT NULL
    ORDER BY p.reminder_due_at
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  ),
  moved AS (
    UPDATE notification_preferences p
    SET reminder_due_on = GREATEST(due.due_on + 1, due.today),
        reminder_due_at = (GREATEST(due.due_on + 1, due.today) + p.reminder_send_time) AT TIME ZONE p.time_zone
    FROM due
    WHERE p.user_id = due.user_id
    RETURNING p.user_id
  ),
  claimed AS (
    INSERT INTO reminder_claims (user_id, local_date, kind, claimed_at)
    SELECT user_id, due_on, 'daily', $1 FROM due
    WHERE due_on = today AND (practised_on IS NULL OR practised_on < due_on)
    ON CONFLICT DO NOTHING
    RETURNING user_id AS "userId", to_char(local_date, 'YYYY-MM-DD') AS "localDate"
  )
  SELECT (SELECT count(*)::int FROM moved) AS due,
         COALESCE((SELECT json_agg(claimed) FROM claimed), '[]'::json) AS claims`;
