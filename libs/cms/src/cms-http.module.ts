import { Module } from '@nestjs/common';
import { CmsModule } from './cms.module.js';
import { AdminFeedbackController } from './infrastructure/http/admin-feedback.controller.js';
import { FeedbackController } from './infrastructure/http/feedback.controller.js';

/** `POST /feedback` (learners) and `/admin/feedback` (admins). */
@Module({
  imports: [CmsModule],
  controllers: [FeedbackController, AdminFeedbackController],
})
export class CmsHttpModule {}
