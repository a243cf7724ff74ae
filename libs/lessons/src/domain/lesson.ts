import { acceptsRevision, type FieldProblem } from '@techtrek/platform/kernel';
import type { ExerciseDefinition } from './exercise.js';
import { validateLessonDraft, type LessonDraft } from './lesson-draft.js';
import { InvalidLessonError, LessonNotPublishableError, StaleLessonRevisionError } from './lesson.errors.js';

/** An uploaded media asset shown in a lesson, referenced by its id. */
export interface LessonMediaReference {
  assetId: number;
  alt: string;
}

/** Everything an admin writes about a lesson; what a publish freezes into a version. */
export interface LessonContent extends LessonDraft {
  media: LessonMediaReference[];
}

export type LessonStatus = 'draft' | 'published';

export interface LessonState {
  id: number;
  topic: string;
  sequenceOrder: number;
  content: LessonContent;
  status: LessonStatus;
  /** Counts every saved change; the admin API's ETag. */
  revision: number;
  /** The version learners see while published (the latest frozen one). */
  publishedVersion: number | null;
  /** The revision that version froze. */
  publishedRevision: number | null;
}

/** A version to freeze: the content as it is now, under the next version number. */
export interface VersionToFreeze {
  version: number;
  revision: number;
  content: LessonContent;
}

const MAX_MEDIA = 20;
const MAX_ALT = 300;

/**
 * The working copy of a lesson, as admins edit it. Learners never see it directly: `publish()`
 * freezes it into an immutable version, so edits to a live lesson stay private until the next
 * publish and attempts keep pointing at the version they answered.
 */
export class Lesson {
  private constructor(private state: LessonState) {}

  static restore(state: LessonState): Lesson {
    return new Lesson(structuredClone(state));
  }

  /** Validates new content; the lesson starts as a draft at revision 1. */
  static validateNew(content: LessonContent): LessonContent {
    assertValid(content);
    return content;
  }

  get snapshot(): LessonState {
    return structuredClone(this.state);
  }

  get hasUnpublishedChanges(): boolean {
    return this.state.publishedRevision !== this.state.revision;
  }

  /** `accepted`: the revisions the admin's `If-Match` named; `undefined` when any will do. */
  assertRevision(accepted: readonly number[] | undefined): void {
    if (!acceptsRevision(accepted, this.state.revision)) {
      throw new StaleLessonRevisionError(this.state.revision);
    }
  }

  edit(changes: Partial<LessonContent>): void {
    const content = { ...this.state.content, ...changes };
    assertValid(content);
    this.state = { ...this.state, content, revision: this.state.revision + 1 };
  }

  /**
   * Makes the lesson visible to learners, freezing its content as a new version unless the latest
   * version already holds it (republishing after an unpublish). `changed` is false when learners
   * already saw exactly this: publishing twice is harmless.
   */
  publish(): { freeze: VersionToFreeze | null; changed: boolean } {
    if (this.state.content.exercises.length === 0) {
      throw new LessonNotPublishableError('it has no exercises; learners need at least one to practise');
    }
    const alreadyFrozen = this.state.publishedVersion !== null && !this.hasUnpublishedChanges;
    const wasLive = this.state.status === 'published';
    const version = (this.state.publishedVersion ?? 0) + (alreadyFrozen ? 0 : 1);
    this.state = {
      ...this.state,
      status: 'published',
      publishedVersion: version,
      publishedRevision: this.state.revision,
    };
    const freeze = alreadyFrozen
      ? null
      : { version, revision: this.state.revision, content: structuredClone(this.state.content) };
    return { freeze, changed: !(alreadyFrozen && wasLive) };
  }

  /** Hides the lesson from learners; its versions (and learners' history) stay. False if it was hidden. */
  unpublish(): boolean {
    if (this.state.status === 'draft') return false;
    this.state = { ...this.state, status: 'draft' };
    return true;
  }
}

function assertValid(content: LessonContent): void {
  const problems: FieldProblem[] = validateLessonDraft(content, 'lesson').map(({ field, message }) => ({
    field: field.replace(/^lesson\./, ''),
    message,
  }));
  problems.push(...duplicateExerciseIds(content.exercises), ...mediaProblems(content.media));
  if (problems.length > 0) throw new InvalidLessonError(problems);
}

function duplicateExerciseIds(exercises: readonly ExerciseDefinition[]): FieldProblem[] {
  const seen = new Set<string>();
  return exercises.flatMap((exercise, index) => {
    const repeated = seen.has(exercise.id);
    seen.add(exercise.id);
    return repeated
      ? [{ field: `exercises[${index}].id`, message: `"${exercise.id}" is used by another exercise` }]
      : [];
  });
}

function mediaProblems(media: readonly LessonMediaReference[]): FieldProblem[] {
  if (media.length > MAX_MEDIA) return [{ field: 'media', message: `must list at most ${MAX_MEDIA} assets` }];
  const seen = new Set<number>();
  return media.flatMap(({ assetId, alt }, index) => {
    const problems: FieldProblem[] = [];
    if (seen.has(assetId)) problems.push({ field: `media[${index}].assetId`, message: 'is listed twice' });
    if (alt.length > MAX_ALT)
      problems.push({ field: `media[${index}].alt`, message: `must be at most ${MAX_ALT} characters` });
    seen.add(assetId);
    return problems;
  });
}
