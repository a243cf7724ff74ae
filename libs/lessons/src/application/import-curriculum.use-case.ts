import { Injectable } from '@nestjs/common';
import { InvalidCurriculumError, validateCurriculum, type Curriculum } from '../domain/curriculum.js';
import { CurriculumRepository, type CurriculumImportReport } from './curriculum.repository.js';

/** Loads a curriculum (the seed's starter content): validated as a whole, then added idempotently. */
@Injectable()
export class ImportCurriculumUseCase {
  constructor(private readonly curriculumRepository: CurriculumRepository) {}

  async execute(curriculum: Curriculum): Promise<CurriculumImportReport> {
    const problems = validateCurriculum(curriculum);
    if (problems.length > 0) throw new InvalidCurriculumError(problems);
    return this.curriculumRepository.addMissing(curriculum);
  }
}
