import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { UserDirectory } from '@techtrek/auth';
import { AttemptRewards } from '@techtrek/gamification';
import {
  CurriculumIndex,
  LessonGrader,
  type CurriculumOutline,
  type GradedAttempt,
  type SubmittedAnswer,
} from '@techtrek/lessons';
import { IdempotencyKeyReusedError, Outbox, Transactions, type Environment } from '@techtrek/platform';
import { Clock } from '@techtrek/platform/kernel';
import { acceptedCompletionTime, passesAt } from '../domain/lesson-attempt.js';
import { StartedAfterCompletionError } from '../domain/progress.errors.js';
import { summariseProgress, withAttempt, type LessonProgress } from '../domain/progress-summary.js';
import { attemptOutcome, type AttemptOutcome } from './attempt-outcome.js';
import { AttemptRepository, type AttemptIdempotency } from './attempt.repository.js';
import { LESSON_COMPLETED_EVENT, type LessonCompletedPayload } from './lesson-completed.event.js';

export interface SubmitAttemptInput {
  userId: number;
  lessonId: number;
  answers: readonly SubmittedAnswer[];
  startedAt?: Date;
  /** When the learner finished (an offline attempt synced later); now when absent. */
  completedAt?: Date;
  idempotency?: AttemptIdempotency;
}

interface AttemptContext {
  graded: GradedAttempt;
  completedAt: Date;
  outline: CurriculumOutline;
  timeZone: string;
  passed: boolean;
}

export interface SubmittedAttempt {
  outcome: AttemptOutcome;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Grades an attempt with the lessons module's grader, records it, and lets gamification pay for it,
 * all in one transaction under the learner's lock: a retry, a second device or a race can neither
 * count an attempt twice nor pay a source twice. A keyed retry gets the stored answer.
 */
@Injectable()
export class SubmitAttemptUseCase {
  constructor(
    private readonly grader: LessonGrader,
    private readonly curriculum: CurriculumIndex,
    private readonly attempts: AttemptRepository,
    private readonly rewards: AttemptRewards,
    private readonly users: UserDirectory,
    private readonly transactions: Transactions,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute(input: SubmitAttemptInput): Promise<SubmittedAttempt> {
    // A replay is answered before grading: the lesson may have changed since the first try.
    const earlier = await this.replay(input);
    if (earlier) return earlier;
    const context = await this.prepare(input);
    // Only what must see the learner's latest state runs under the lock: it is held per learner.
    return this.transactions.run(async () => {
      const records = await this.attempts.lockLearner(input.userId);
      const raced = await this.replay(input);
      if (raced) return raced;
      return { outcome: await this.record(input, context, records), replayed: false };
    });
  }

  /** Everything that does not depend on the learner's other attempts: grading, time, zone. */
  private async prepare(input: SubmitAttemptInput): Promise<AttemptContext> {
    const graded = await this.grader.gradeAttempt(input.lessonId, input.answers);
    const completedAt = acceptedCompletionTime(input.completedAt, this.clock.now());
    if (input.startedAt && input.startedAt > completedAt) throw new StartedAfterCompletionError();
    const [outline, cards] = await Promise.all([this.curriculum.outline(), this.users.findCards([input.userId])]);
    return {
      graded,
      completedAt,
      outline,
      timeZone: cards.get(input.userId)?.timeZone ?? 'UTC',
      passed: passesAt(graded.score, this.config.get('PROGRESS_PASS_THRESHOLD', { infer: true })),
    };
  }

  /** `records`: the learner's progress as it stands under their lock, before this attempt. */
  private async record(
    input: SubmitAttemptInput,
    context: AttemptContext,
    records: readonly LessonProgress[],
  ): Promise<AttemptOutcome> {
    const { graded, completedAt, outline, timeZone, passed } = context;
    const before = records.find((record) => record.lessonId === input.lessonId);
    const after = withAttempt(records, input.lessonId, passed);
    const summary = summariseProgress(after, outline);
    const reward = await this.rewards.reward({
      userId: input.userId,
      lessonId: input.lessonId,
      difficulty: graded.difficulty,
      score: graded.score,
      passed,
      completedAt,
      timeZone,
      passedBefore: before?.completed ?? false,
      perfectBefore: before?.bestScore === 100,
      completedLessons: after.filter((lesson) => lesson.completed).length,
      topicsCompleted: summary.topicsCompleted,
      topicsTouched: summary.topicsTouched,
      topics: outline.topics,
    });
    const unnumbered = attemptOutcome(graded, passed, reward);
    const attemptId = await this.attempts.record(
      { ...input, lessonVersion: graded.version, score: graded.score, passed, completedAt, timeZone },
      unnumbered,
    );
    if (passed) {
      const completed: LessonCompletedPayload = {
        userId: input.userId,
        attemptId,
        lessonId: input.lessonId,
        lessonVersion: graded.version,
        topic: graded.topic,
        difficulty: graded.difficulty,
        score: graded.score,
        firstPass: !(before?.completed ?? false),
        at: completedAt.toISOString(),
      };
      await this.outbox.record(LESSON_COMPLETED_EVENT, completed);
    }
    return { attemptId, ...unnumbered };
  }

  private async replay(input: SubmitAttemptInput): Promise<SubmittedAttempt | undefined> {
    if (!input.idempotency) return undefined;
    const earlier = await this.attempts.findByIdempotencyKey(input.userId, input.idempotency.key);
    if (!earlier) return undefined;
    if (earlier.fingerprint !== input.idempotency.fingerprint) throw new IdempotencyKeyReusedError();
    return { outcome: earlier.outcome, replayed: true };
  }
}
