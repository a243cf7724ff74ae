import { InitialSchema1764096000000 } from './1764096000000-initial-schema.js';
import { AuthSessions1764182400000 } from './1764182400000-auth-sessions.js';
import { PasswordResetCodes1764268800000 } from './1764268800000-password-reset-codes.js';
import { LessonFeedback1764355200000 } from './1764355200000-lesson-feedback.js';
import { LessonAuthoring1764441600000 } from './1764441600000-lesson-authoring.js';
import { MediaAssets1764528000000 } from './1764528000000-media-assets.js';
import { ProgressAndGamification1764614400000 } from './1764614400000-progress-and-gamification.js';
import { StreakStandsThrough1764700800000 } from './1764700800000-streak-stands-through.js';
import { Notifications1764787200000 } from './1764787200000-notifications.js';
import { BroadcastAudienceCap1764960000000 } from './1764960000000-broadcast-audience-cap.js';
import { ReminderSendTime1765046400000 } from './1765046400000-reminder-send-time.js';
import { HintRequests1765132800000 } from './1765132800000-hint-requests.js';

/** Every migration, oldest first. TypeORM 1.x takes classes, not globs; add new ones at the end. */
export const MIGRATIONS = [
  InitialSchema1764096000000,
  AuthSessions1764182400000,
  PasswordResetCodes1764268800000,
  LessonFeedback1764355200000,
  LessonAuthoring1764441600000,
  MediaAssets1764528000000,
  ProgressAndGamification1764614400000,
  StreakStandsThrough1764700800000,
  Notifications1764787200000,
  BroadcastAudienceCap1764960000000,
  ReminderSendTime1765046400000,
  HintRequests1765132800000,
];
