import { Injectable, Logger } from '@nestjs/common';
import { InvalidCurriculumError, validateCurriculum, type Curriculum } from '../domain/curriculum.js';
import { CatalogueInvalidator } from './cached-lesson-catalogue.js';
import { CurriculumRepository, type CurriculumImportReport } from './curriculum.repository.js';

/** Loads a curriculum (the seed's starter content): validated as a whole, then added idempotently. */
@Injectable()
export class ImportCurriculumUseCase {
  private readonly logger = new Logger(ImportCurriculumUseCase.name);

  constructor(
    private readonly curriculumRepository: CurriculumRepository,
    private readonly catalogue: CatalogueInvalidator,
  ) {}

  async execute(curriculum: Curriculum): Promise<CurriculumImportReport> {
    const problems = validateCurriculum(curriculum);
    if (problems.length > 0) throw new InvalidCurriculumError(problems);
    const report = await this.curriculumRepository.addMissing(curriculum);
    if (report.topicsCreated > 0 || report.lessonsCreated > 0) {
      // New published content: cached catalogue answers (e.g. an empty topic list) are stale now.
      await this.catalogue.invalidateAll().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`Catalogue cache not invalidated after the import: ${message}`);
      });
    }
    return report;
  }
}
