import { Module } from '@nestjs/common';
import { AdminLessonsController } from './infrastructure/http/admin-lessons.controller.js';
import { AdminTopicsController } from './infrastructure/http/admin-topics.controller.js';
import { LessonsController } from './infrastructure/http/lessons.controller.js';
import { TopicsController } from './infrastructure/http/topics.controller.js';
import { LessonsModule } from './lessons.module.js';
import { MediaHttpModule } from './media-http.module.js';

/**
 * The learner catalogue routes (public: readable without a token, cacheable by a CDN) and the
 * admin authoring routes (`/admin/lessons`, `/admin/topics`).
 */
@Module({
  imports: [LessonsModule, MediaHttpModule],
  controllers: [TopicsController, LessonsController, AdminLessonsController, AdminTopicsController],
})
export class LessonsHttpModule {}
