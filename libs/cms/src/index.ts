export { CmsModule } from './cms.module.js';
export { CmsHttpModule } from './cms-http.module.js';
export { FEEDBACK_STATUSES, type FeedbackStatus } from './domain/feedback.js';
export {
  FeedbackLessonNotFoundError,
  FeedbackNotFoundError,
  InvalidFeedbackCursorError,
  InvalidFeedbackError,
} from './domain/feedback.errors.js';
