import { Module } from '@nestjs/common';
import { CmsModule } from './cms.module.js';
import { AdminAuditController } from './infrastructure/http/admin-audit.controller.js';
import { AdminContentController } from './infrastructure/http/admin-content.controller.js';
import { AdminFeedbackController } from './infrastructure/http/admin-feedback.controller.js';
import { FeedbackController } from './infrastructure/http/feedback.controller.js';

/** `POST /feedback` (learners); `/admin/feedback`, `/admin/content` and `/admin/audit` (admins). */
@Module({
  imports: [CmsModule],
  controllers: [FeedbackController, AdminFeedbackController, AdminContentController, AdminAuditController],
})
export class CmsHttpModule {}
