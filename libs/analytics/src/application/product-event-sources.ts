import { HINT_SERVED_EVENT } from '@techtrek/ai';
import { SIGNED_UP_EVENT } from '@techtrek/auth';
import { GAMIFICATION_EVENT_TYPES } from '@techtrek/gamification';
import { LESSON_COMPLETED_EVENT } from '@techtrek/progress';
import type { ProductEventName } from '../domain/product-event.js';

/** The outbox event each product event is made from, published by its own module. */
export const PRODUCT_EVENT_SOURCES: Readonly<Record<ProductEventName, string>> = {
  signed_up: SIGNED_UP_EVENT,
  lesson_completed: LESSON_COMPLETED_EVENT,
  badge_earned: GAMIFICATION_EVENT_TYPES.badgeAwarded,
  hint_used: HINT_SERVED_EVENT,
};
