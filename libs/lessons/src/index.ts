export { LessonsModule } from './lessons.module.js';
export { ImportCurriculumUseCase } from './application/import-curriculum.use-case.js';
export type { CurriculumImportReport } from './application/curriculum.repository.js';
export { InvalidCurriculumError, type Curriculum, type CurriculumTopic } from './domain/curriculum.js';
export { EXERCISE_KINDS, type ExerciseDefinition, type ExerciseKind } from './domain/exercise.js';
export { LESSON_DIFFICULTIES, type LessonDifficulty, type LessonDraft } from './domain/lesson-draft.js';
export {
  DEFAULT_CURRICULUM_DIRECTORY,
  readCurriculumDirectory,
} from './infrastructure/curriculum/curriculum-directory.reader.js';
