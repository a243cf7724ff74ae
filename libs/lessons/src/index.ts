export { LessonsModule } from './lessons.module.js';
export { LessonsHttpModule } from './lessons-http.module.js';
export { MediaLibrary, type MediaAssetView } from './application/media-library.js';
export { CatalogueInvalidator } from './application/cached-lesson-catalogue.js';
export { CdnPurger } from './application/cdn-purger.js';
export { CurriculumIndex, type CurriculumOutline } from './application/curriculum-index.js';
export { ImportCurriculumUseCase } from './application/import-curriculum.use-case.js';
export type { CurriculumImportReport } from './application/curriculum.repository.js';
export { LessonAnswerKeys } from './application/lesson-answer-keys.js';
export type { PublishedLesson } from './application/lesson-catalogue.reader.js';
export {
  LessonGrader,
  type ExerciseResult,
  type GradedAttempt,
  type SubmittedAnswer,
} from './application/lesson-grader.js';
export { InvalidCurriculumError, type Curriculum, type CurriculumTopic } from './domain/curriculum.js';
export { EXERCISE_KINDS, type ExerciseDefinition, type ExerciseKind } from './domain/exercise.js';
export { type GradeOutcome, type LearnerAnswer, type LearnerExercise } from './domain/exercise-grader.js';
export {
  DuplicateAnswerError,
  InvalidAnswerShapeError,
  LessonNotFoundError,
  UnknownExerciseError,
} from './domain/lesson.errors.js';
export { LESSON_DIFFICULTIES, type LessonDifficulty, type LessonDraft } from './domain/lesson-draft.js';
export {
  DEFAULT_CURRICULUM_DIRECTORY,
  readCurriculumDirectory,
} from './infrastructure/curriculum/curriculum-directory.reader.js';
