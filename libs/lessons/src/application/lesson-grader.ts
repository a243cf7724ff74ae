import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '@techtrek/platform/kernel';
import { correctAnswerOf, gradeAnswer, type LearnerAnswer } from '../domain/exercise-grader.js';
import { DuplicateAnswerError, InvalidAnswerShapeError, UnknownExerciseError } from '../domain/lesson.errors.js';
import type { LessonDifficulty } from '../domain/lesson-draft.js';
import { LessonAnswerKeys } from './lesson-answer-keys.js';

export interface SubmittedAnswer {
  exerciseId: string;
  answer: unknown;
}

export interface ExerciseResult {
  exerciseId: string;
  /** False when not answered. */
  answered: boolean;
  correct: boolean;
  correctAnswer: LearnerAnswer;
  explanation: string;
}

export interface GradedAttempt {
  lessonId: number;
  /** Where the lesson sits and what it is worth: progress summaries and XP depend on them. */
  topic: string;
  difficulty: LessonDifficulty;
  /** The immutable published version graded: what the attempt answered. */
  version: number;
  /** Every exercise of the lesson, in lesson order. */
  results: ExerciseResult[];
  /** Whole percent of the lesson's exercises answered correctly (unanswered count as wrong). */
  score: number;
}

/**
 * Grades a learner's answers to a published lesson. The progress module calls this and never
 * grades on its own. Field paths (`answers[1].answer`) follow the order the answers came in.
 */
@Injectable()
export class LessonGrader {
  constructor(private readonly answerKeys: LessonAnswerKeys) {}

  async gradeAttempt(lessonId: number, answers: readonly SubmittedAnswer[]): Promise<GradedAttempt> {
    const lesson = await this.answerKeys.published(lessonId);
    const exercises = new Map(lesson.exercises.map((exercise) => [exercise.id, exercise]));

    const unknown: FieldProblem[] = [];
    const repeated: FieldProblem[] = [];
    const seen = new Set<string>();
    answers.forEach(({ exerciseId }, index) => {
      const field = `answers[${index}].exerciseId`;
      if (!exercises.has(exerciseId))
        unknown.push({ field, message: `"${exerciseId}" is not an exercise of this lesson` });
      else if (seen.has(exerciseId)) repeated.push({ field, message: `"${exerciseId}" is answered more than once` });
      seen.add(exerciseId);
    });
    if (unknown.length > 0) throw new UnknownExerciseError(unknown);
    if (repeated.length > 0) throw new DuplicateAnswerError(repeated);

    const correctIds = new Set<string>();
    const badShapes: FieldProblem[] = [];
    answers.forEach(({ exerciseId, answer }, index) => {
      const outcome = gradeAnswer(exercises.get(exerciseId)!, answer);
      if ('invalidShape' in outcome) {
        badShapes.push({
          field: `answers[${index}].answer`,
          message: `(exercise "${exerciseId}") ${outcome.invalidShape}`,
        });
      } else if (outcome.correct) correctIds.add(exerciseId);
    });
    if (badShapes.length > 0) throw new InvalidAnswerShapeError(badShapes);

    const results = lesson.exercises.map((exercise) => ({
      exerciseId: exercise.id,
      answered: seen.has(exercise.id),
      correct: correctIds.has(exercise.id),
      correctAnswer: correctAnswerOf(exercise),
      explanation: exercise.explanation,
    }));
    // A lesson without exercises is complete once read. 100·c/n rounded half up, in integers
    // (⌊(200·c + n) / 2n⌋), so a tie like 12.5 never depends on floating-point error.
    const total = results.length;
    const score = total === 0 ? 100 : Math.floor((200 * correctIds.size + total) / (2 * total));
    return {
      lessonId: lesson.id,
      topic: lesson.topic,
      difficulty: lesson.difficulty,
      version: lesson.version,
      results,
      score,
    };
  }
}
