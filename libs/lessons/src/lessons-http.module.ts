import { Module } from '@nestjs/common';
import { LessonsController } from './infrastructure/http/lessons.controller.js';
import { TopicsController } from './infrastructure/http/topics.controller.js';
import { LessonsModule } from './lessons.module.js';

/** The learner catalogue routes (public: readable without a token, cacheable by a CDN). */
@Module({
  imports: [LessonsModule],
  controllers: [TopicsController, LessonsController],
})
export class LessonsHttpModule {}
