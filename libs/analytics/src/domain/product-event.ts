/** The product events the analytics port publishes (issue #8), named as product people read them. */
export const PRODUCT_EVENT_NAMES = ['signed_up', 'lesson_completed', 'badge_earned', 'hint_used'] as const;

export type ProductEventName = (typeof PRODUCT_EVENT_NAMES)[number];

/** Only scalars: a nested object could carry anything, and analytics tools flatten them anyway. */
export type ProductPropertyValue = string | number | boolean;

/**
 * One product event as an analytics tool receives it. It names the learner by their user id
 * only, and its properties are identifiers, counts and flags: never an email, a username, text a
 * learner typed, an IP address or a device token.
 */
export interface ProductEvent {
  name: ProductEventName;
  /** The learner's user id, as a string (Mixpanel's `distinct_id`). */
  distinctId: string;
  /**
   * Stable across retries (the outbox event's id), so a tool that deduplicates on it (Mixpanel's
   * `$insert_id`) counts a re-sent event once.
   */
  insertId: string;
  /** When the fact happened (not when it was sent): retries send the same instant. */
  time: Date;
  properties: Readonly<Record<string, ProductPropertyValue>>;
}
