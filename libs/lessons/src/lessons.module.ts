import { Module } from '@nestjs/common';
import { AdminLessonQuery } from './application/admin-lesson.query.js';
import { AdminLessonReader } from './application/admin-lesson.reader.js';
import { CachedLessonCatalogue, CatalogueInvalidator } from './application/cached-lesson-catalogue.js';
import { CatalogueChanges } from './application/catalogue-changes.js';
import { CatalogueVersion } from './application/catalogue-version.js';
import { CdnPurger } from './application/cdn-purger.js';
import { CreateLessonUseCase } from './application/create-lesson.use-case.js';
import { DeleteLessonUseCase } from './application/delete-lesson.use-case.js';
import { LessonChangeRunner } from './application/lesson-change-runner.js';
import { LessonMedia } from './application/lesson-media.js';
import { LessonRepository } from './application/lesson.repository.js';
import { PublishLessonUseCase } from './application/publish-lesson.use-case.js';
import { ReorderTopicLessonsUseCase } from './application/reorder-topic-lessons.use-case.js';
import { UnpublishLessonUseCase } from './application/unpublish-lesson.use-case.js';
import { UpdateLessonUseCase } from './application/update-lesson.use-case.js';
import { CatalogueCache } from './application/catalogue-cache.js';
import { CurriculumRepository } from './application/curriculum.repository.js';
import { ImportCurriculumUseCase } from './application/import-curriculum.use-case.js';
import { LessonCatalogueQuery } from './application/lesson-catalogue.query.js';
import { LessonCatalogueReader } from './application/lesson-catalogue.reader.js';
import { LessonAnswerKeys } from './application/lesson-answer-keys.js';
import { LessonGrader } from './application/lesson-grader.js';
import { CurriculumIndex } from './application/curriculum-index.js';
import { RedisCatalogueCache } from './infrastructure/cache/redis-catalogue-cache.js';
import { cdnPurgerProvider } from './infrastructure/cdn/cdn-purger.provider.js';
import { TypeOrmAdminLessonReader } from './infrastructure/persistence/typeorm-admin-lesson.reader.js';
import { TypeOrmCatalogueVersion } from './infrastructure/persistence/typeorm-catalogue-version.js';
import { TypeOrmLessonRepository } from './infrastructure/persistence/typeorm-lesson.repository.js';
import { TypeOrmCurriculumRepository } from './infrastructure/persistence/typeorm-curriculum.repository.js';
import { TypeOrmLessonCatalogueReader } from './infrastructure/persistence/typeorm-lesson-catalogue.reader.js';
import { MediaModule } from './media.module.js';

/** The CMS's lesson use cases, served by `LessonsHttpModule`'s admin controllers. */
const AUTHORING = [
  AdminLessonQuery,
  CreateLessonUseCase,
  UpdateLessonUseCase,
  DeleteLessonUseCase,
  PublishLessonUseCase,
  UnpublishLessonUseCase,
  ReorderTopicLessonsUseCase,
];

/**
 * Lessons and exercises: the content model, its validation, authoring (draft, publish, versions),
 * media, curriculum import, the learner catalogue and the grader. No routes (see
 * `LessonsHttpModule`), so commands can import it.
 */
@Module({
  imports: [MediaModule],
  providers: [
    ...AUTHORING,
    LessonChangeRunner,
    LessonMedia,
    CatalogueChanges,
    { provide: AdminLessonReader, useClass: TypeOrmAdminLessonReader },
    { provide: CatalogueVersion, useClass: TypeOrmCatalogueVersion },
    cdnPurgerProvider,
    { provide: LessonRepository, useClass: TypeOrmLessonRepository },
    CachedLessonCatalogue,
    CatalogueInvalidator,
    ImportCurriculumUseCase,
    LessonCatalogueQuery,
    LessonAnswerKeys,
    LessonGrader,
    CurriculumIndex,
    { provide: CatalogueCache, useClass: RedisCatalogueCache },
    { provide: CurriculumRepository, useClass: TypeOrmCurriculumRepository },
    { provide: LessonCatalogueReader, useClass: TypeOrmLessonCatalogueReader },
  ],
  exports: [
    ...AUTHORING,
    CachedLessonCatalogue,
    CatalogueInvalidator,
    CdnPurger,
    ImportCurriculumUseCase,
    LessonCatalogueQuery,
    LessonAnswerKeys,
    LessonGrader,
    CurriculumIndex,
    MediaModule,
  ],
})
export class LessonsModule {}
