import { Module } from '@nestjs/common';
import { CurriculumRepository } from './application/curriculum.repository.js';
import { ImportCurriculumUseCase } from './application/import-curriculum.use-case.js';
import { TypeOrmCurriculumRepository } from './infrastructure/persistence/typeorm-curriculum.repository.js';

/** Lessons and exercises: the content model, its validation, and curriculum import. */
@Module({
  providers: [ImportCurriculumUseCase, { provide: CurriculumRepository, useClass: TypeOrmCurriculumRepository }],
  exports: [ImportCurriculumUseCase],
})
export class LessonsModule {}
