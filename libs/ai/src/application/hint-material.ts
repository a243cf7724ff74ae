import { Injectable } from '@nestjs/common';
import { LessonAnswerKeys, type PublishedLesson } from '@techtrek/lessons';
import { UnknownHintExerciseError } from '../domain/ai.errors.js';
import type { HintExercise, HintLesson } from '../domain/hint-context.js';

export interface HintMaterial {
  lesson: HintLesson;
  exercise?: HintExercise;
}

/**
 * The published lesson (and exercise) a hint is about, with the answer key the guard checks
 * against. Throws the lessons module's not-found error for a lesson that is not published.
 */
@Injectable()
export class HintMaterialSource {
  constructor(private readonly answerKeys: LessonAnswerKeys) {}

  async load(lessonId: number, exerciseId: string | null): Promise<HintMaterial> {
    const published = await this.answerKeys.published(lessonId);
    const lesson = hintLesson(published);
    if (exerciseId === null) return { lesson };
    const exercise = published.exercises.find((candidate) => candidate.id === exerciseId);
    if (!exercise) throw new UnknownHintExerciseError(exerciseId);
    return { lesson, exercise: { ...exercise } };
  }
}

function hintLesson(published: PublishedLesson): HintLesson {
  const { id, version, topic, title, difficulty, content } = published;
  return { id, version, topic, title, difficulty, content };
}
