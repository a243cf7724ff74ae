import { Module } from '@nestjs/common';
import { CurriculumRepository } from './application/curriculum.repository.js';
import { ImportCurriculumUseCase } from './application/import-curriculum.use-case.js';
import { LessonCatalogueQuery } from './application/lesson-catalogue.query.js';
import { LessonCatalogueReader } from './application/lesson-catalogue.reader.js';
import { LessonGrader } from './application/lesson-grader.js';
import { TypeOrmCurriculumRepository } from './infrastructure/persistence/typeorm-curriculum.repository.js';
import { TypeOrmLessonCatalogueReader } from './infrastructure/persistence/typeorm-lesson-catalogue.reader.js';

/**
 * Lessons and exercises: the content model, its validation, curriculum import, the learner
 * catalogue and the grader. No routes (see `LessonsHttpModule`), so commands can import it.
 */
@Module({
  providers: [
    ImportCurriculumUseCase,
    LessonCatalogueQuery,
    LessonGrader,
    { provide: CurriculumRepository, useClass: TypeOrmCurriculumRepository },
    { provide: LessonCatalogueReader, useClass: TypeOrmLessonCatalogueReader },
  ],
  exports: [ImportCurriculumUseCase, LessonCatalogueQuery, LessonGrader],
})
export class LessonsModule {}
