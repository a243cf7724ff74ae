import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import { InvalidCurriculumError, validateCurriculum, type Curriculum } from '../domain/curriculum.js';
import { CatalogueChanges } from './catalogue-changes.js';
import { CurriculumRepository, type CurriculumImportReport } from './curriculum.repository.js';

/** Loads a curriculum (the seed's starter content): validated as a whole, then added idempotently. */
@Injectable()
export class ImportCurriculumUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly curriculumRepository: CurriculumRepository,
    private readonly catalogue: CatalogueChanges,
  ) {}

  async execute(curriculum: Curriculum): Promise<CurriculumImportReport> {
    const problems = validateCurriculum(curriculum);
    if (problems.length > 0) throw new InvalidCurriculumError(problems);
    return this.transactions.run(async () => {
      const report = await this.curriculumRepository.addMissing(curriculum);
      // New published content: cached catalogue answers (e.g. an empty topic list) are stale now.
      if (report.topicsCreated > 0 || report.lessonsCreated > 0) await this.catalogue.recordChange([]);
      return report;
    });
  }
}
