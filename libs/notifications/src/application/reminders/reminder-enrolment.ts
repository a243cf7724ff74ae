/**
 * Starts a learner's daily reminders with the default preferences when they first register a
 * device, unless they already have preferences (which are then left exactly as they are).
 */
export abstract class ReminderEnrolment {
  abstract enrol(userId: number): Promise<void>;
}
