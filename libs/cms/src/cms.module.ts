import { Module } from '@nestjs/common';
import { sqlPersonalDataSection } from '@techtrek/auth';
import { ContentEntriesQuery } from './application/content-entries.query.js';
import { ContentEntryChanges } from './application/content-entry-changes.js';
import { ContentEntryRepository } from './application/content-entry.repository.js';
import { FeedbackReader } from './application/feedback.reader.js';
import { FeedbackRepository } from './application/feedback.repository.js';
import { ListFeedbackQuery } from './application/list-feedback.query.js';
import { ReviewFeedbackUseCase } from './application/review-feedback.use-case.js';
import { SubmitFeedbackUseCase } from './application/submit-feedback.use-case.js';
import { FEEDBACK_EXPORT_SQL } from './infrastructure/persistence/feedback-sql.js';
import { TypeOrmContentEntryRepository } from './infrastructure/persistence/typeorm-content-entry.repository.js';
import { TypeOrmFeedbackReader } from './infrastructure/persistence/typeorm-feedback.reader.js';
import { TypeOrmFeedbackRepository } from './infrastructure/persistence/typeorm-feedback.repository.js';

/**
 * Content management: CMS entries, learners' lesson feedback and its admin review, and the audit
 * trail's admin view (lesson authoring lives with the lessons, in `@techtrek/lessons`). No routes (see
 * `CmsHttpModule`). Feedback rows hang off `users` with ON DELETE CASCADE, so account erasure
 * needs no hook; the export section below covers the right of access.
 */
@Module({
  providers: [
    SubmitFeedbackUseCase,
    ReviewFeedbackUseCase,
    ListFeedbackQuery,
    ContentEntriesQuery,
    ContentEntryChanges,
    { provide: ContentEntryRepository, useClass: TypeOrmContentEntryRepository },
    { provide: FeedbackRepository, useClass: TypeOrmFeedbackRepository },
    { provide: FeedbackReader, useClass: TypeOrmFeedbackReader },
    sqlPersonalDataSection('feedback', FEEDBACK_EXPORT_SQL),
  ],
  exports: [SubmitFeedbackUseCase, ReviewFeedbackUseCase, ListFeedbackQuery, ContentEntriesQuery, ContentEntryChanges],
})
export class CmsModule {}
