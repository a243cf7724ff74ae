import { Module } from '@nestjs/common';
import { CachedLessonCatalogue, CatalogueInvalidator } from './application/cached-lesson-catalogue.js';
import { CatalogueCache } from './application/catalogue-cache.js';
import { CurriculumRepository } from './application/curriculum.repository.js';
import { ImportCurriculumUseCase } from './application/import-curriculum.use-case.js';
import { LessonCatalogueQuery } from './application/lesson-catalogue.query.js';
import { LessonCatalogueReader } from './application/lesson-catalogue.reader.js';
import { LessonGrader } from './application/lesson-grader.js';
import { RedisCatalogueCache } from './infrastructure/cache/redis-catalogue-cache.js';
import { TypeOrmCurriculumRepository } from './infrastructure/persistence/typeorm-curriculum.repository.js';
import { TypeOrmLessonCatalogueReader } from './infrastructure/persistence/typeorm-lesson-catalogue.reader.js';

/**
 * Lessons and exercises: the content model, its validation, curriculum import, the learner
 * catalogue and the grader. No routes (see `LessonsHttpModule`), so commands can import it.
 */
@Module({
  providers: [
    CachedLessonCatalogue,
    CatalogueInvalidator,
    ImportCurriculumUseCase,
    LessonCatalogueQuery,
    LessonGrader,
    { provide: CatalogueCache, useClass: RedisCatalogueCache },
    { provide: CurriculumRepository, useClass: TypeOrmCurriculumRepository },
    { provide: LessonCatalogueReader, useClass: TypeOrmLessonCatalogueReader },
  ],
  exports: [CachedLessonCatalogue, CatalogueInvalidator, ImportCurriculumUseCase, LessonCatalogueQuery, LessonGrader],
})
export class LessonsModule {}
