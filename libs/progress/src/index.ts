export { ProgressModule, TopicLearnersModule } from './progress.module.js';
export { ProgressHttpModule } from './progress-http.module.js';
export { TopicLearners } from './application/topic-learners.js';
export { LESSON_COMPLETED_EVENT, type LessonCompletedPayload } from './application/lesson-completed.event.js';
