import type { Curriculum } from '../domain/curriculum.js';

export interface CurriculumImportReport {
  topicsCreated: number;
  lessonsCreated: number;
  lessonsUnchanged: number;
}

/** Writes curriculum content. One call is one transaction: all of it lands, or none. */
export abstract class CurriculumRepository {
  /**
   * Adds the topics and lessons that do not exist yet (a lesson is identified by its topic and
   * place in it) as published content. Existing ones are left exactly as they are, so content
   * edited through the CMS is never overwritten. Runs in the caller's transaction (`Transactions`).
   */
  abstract addMissing(curriculum: Curriculum): Promise<CurriculumImportReport>;
}
