import type pg from 'pg';

interface StoredExercise {
  id: string;
  kind: 'single_choice' | 'multiple_choice' | 'true_false' | 'ordering' | 'fill_blank';
  options?: string[];
  items?: string[];
  correct: unknown[];
}

export interface PublishedLessonKey {
  lessonId: number;
  topic: string;
  difficulty: string;
  exercises: StoredExercise[];
}

/** Published lessons with their answer keys, in catalogue order, read from the database. */
export async function publishedLessons(db: pg.Client): Promise<PublishedLessonKey[]> {
  const { rows } = await db.query(
    `SELECT l.lesson_id AS "lessonId", l.topic, v.difficulty, v.exercises
     FROM lessons l JOIN lesson_versions v ON v.lesson_id = l.lesson_id AND v.version = l.published_version
     JOIN topics t ON t.topic = l.topic
     WHERE l.status = 'published' ORDER BY t.position, l.sequence_order, l.lesson_id`,
  );
  return rows as PublishedLessonKey[];
}

function wrongAnswer(exercise: StoredExercise): unknown {
  switch (exercise.kind) {
    case 'single_choice':
      return exercise.options!.find((option) => option !== exercise.correct[0]);
    case 'multiple_choice':
      return exercise.options!.filter((option) => !exercise.correct.includes(option)).slice(0, 1);
    case 'true_false':
      return !exercise.correct[0];
    case 'ordering':
      return [...(exercise.correct as string[])].reverse();
    case 'fill_blank':
      return 'certainly not the answer';
  }
}

function rightAnswer(exercise: StoredExercise): unknown {
  return exercise.kind === 'multiple_choice' || exercise.kind === 'ordering' ? exercise.correct : exercise.correct[0];
}

/**
 * Answers to every exercise of a lesson: the first `correctCount` right, the rest wrong (all right
 * by default), in the shape a learner sends.
 */
export function answersFor(lesson: PublishedLessonKey, correctCount = lesson.exercises.length) {
  return lesson.exercises.map((exercise, index) => ({
    exerciseId: exercise.id,
    answer: index < correctCount ? rightAnswer(exercise) : wrongAnswer(exercise),
  }));
}
