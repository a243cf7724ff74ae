export { ProgressModule, TopicLearnersModule } from './progress.module.js';
export { ProgressHttpModule } from './progress-http.module.js';
export { TopicLearners } from './application/topic-learners.js';
