import { setTimeout as sleep } from 'node:timers/promises';
import { answersFor } from '../../../test/support/lesson-answers.js';
import type { MobileLearner } from './mobile-learner.js';

/**
 * How often a learner does what, per action picked (weights, not percentages): mostly reading
 * (catalogue, own progress, boards), about one attempt in eight actions, hints and token refreshes
 * now and then, the way a session in the app goes from screen to screen.
 */
export const ACTION_WEIGHTS = {
  browse: 16,
  lesson: 16,
  attempt: 12,
  progress: 8,
  gamification: 8,
  leaderboard: 10,
  hint: 6,
  notifications: 8,
  me: 6,
  refresh: 2,
} as const;

export type ActionKind = keyof typeof ACTION_WEIGHTS;
export const ACTION_KINDS = Object.keys(ACTION_WEIGHTS) as ActionKind[];

/** How long a learner polls a hint that answered 202 (every 250 ms) before calling it an error. */
const HINT_POLLS = 40;

const get = (learner: MobileLearner, route: string, path: string) =>
  learner.call({ route, method: 'GET', path, expect: [200] });

/** Each action: one screen's requests (or a few, when the screen needs them). */
export const ACTIONS: Readonly<Record<ActionKind, (learner: MobileLearner) => Promise<void>>> = {
  /** The catalogue: topics, or a page of lessons (of one topic, half the time). */
  async browse(learner) {
    if (learner.chance(0.25)) return learner.catalogue('GET /topics', '/topics');
    const topic = learner.chance(0.5) ? `&topic=${learner.pick(learner.world.lessons).topic}` : '';
    await learner.catalogue('GET /lessons', `/lessons?limit=20${topic}`);
  },

  async lesson(learner) {
    await learner.catalogue('GET /lessons/:id', `/lessons/${learner.pick(learner.world.lessons).lessonId}`);
  },

  /**
   * An attempt, all right seven times in ten, else partly wrong, with an Idempotency-Key; one in ten
   * is sent again with the same key, as a client does when the first answer was lost (the stored
   * outcome comes back, nothing is applied twice).
   */
  async attempt(learner) {
    const lesson = learner.pick(learner.world.lessons);
    const right = learner.chance(0.7)
      ? lesson.exercises.length
      : Math.floor(learner.world.random() * lesson.exercises.length);
    const call = {
      method: 'POST',
      path: '/progress',
      payload: { lessonId: lesson.lessonId, answers: answersFor(lesson, right) },
      headers: { 'idempotency-key': `soak-${learner.world.runId}-${learner.index}-${learner.next()}` },
      expect: [201],
    };
    if (!(await learner.call({ ...call, route: 'POST /progress' }))) return;
    learner.attempted.push(lesson.lessonId);
    if (learner.chance(0.1)) await learner.call({ ...call, route: 'POST /progress (replayed key)' });
  },

  /** The progress screen, or one attempted lesson's history. */
  async progress(learner) {
    if (learner.attempted.length > 0 && learner.chance(0.4)) {
      await get(learner, 'GET /progress/:lessonId', `/progress/${learner.pick(learner.attempted)}`);
    } else {
      await get(learner, 'GET /progress', '/progress');
    }
  },

  async gamification(learner) {
    await get(learner, 'GET /gamification', '/gamification');
  },

  async leaderboard(learner) {
    const period = learner.chance(0.5) ? 'all' : 'weekly';
    await get(
      learner,
      `GET /gamification/leaderboard?period=${period}`,
      `/gamification/leaderboard?period=${period}&limit=20`,
    );
  },

  /**
   * A hint for one exercise, with the learner's wrong answer half the time, a question of theirs a
   * quarter: 200 with it, or 202 and polling until it is written; then, now and then, whether it
   * helped.
   */
  async hint(learner) {
    const lesson = learner.pick(learner.world.lessons);
    const index = Math.floor(learner.world.random() * lesson.exercises.length);
    const wrong = answersFor(lesson, 0)[index]!;
    const text = learner.world.random();
    const payload = {
      lessonId: lesson.lessonId,
      exerciseId: wrong.exerciseId,
      level: 1 + Math.floor(learner.world.random() * 3),
      // Learners' own questions rarely repeat: these always miss the hint cache and go through the
      // worker, in every run (the cache outlives a bench run; wrong answers repeat and hit it).
      ...(text < 0.5
        ? { userAnswer: wrong.answer }
        : text < 0.75
          ? { question: `Why is my answer wrong? (${learner.world.runId}-${learner.index}-${learner.next()})` }
          : {}),
    };
    let answer = await learner.call({
      route: 'POST /ai/hint',
      method: 'POST',
      path: '/ai/hint',
      payload,
      expect: [200, 202],
    });
    const pending = answer?.status === 202 ? learner.json<{ jobId: number }>('POST /ai/hint', answer) : undefined;
    for (let polls = 0; pending && answer?.status === 202; polls += 1) {
      if (learner.world.stopping()) return;
      if (polls === HINT_POLLS)
        return learner.world.fail(
          'GET /ai/hint/:jobId',
          `job ${pending.jobId} still pending after ${HINT_POLLS} polls`,
        );
      await sleep(250);
      answer = await learner.call({
        route: 'GET /ai/hint/:jobId',
        method: 'GET',
        path: `/ai/hint/${pending.jobId}`,
        expect: [200, 202],
      });
    }
    const hint = answer?.status === 200 ? learner.json<{ id: number }>('POST /ai/hint', answer) : undefined;
    if (!hint || !learner.chance(0.3)) return;
    await learner.call({
      route: 'POST /ai/hint/:id/feedback',
      method: 'POST',
      path: `/ai/hint/${hint.id}/feedback`,
      payload: { helpful: learner.chance(0.7) },
      expect: [204],
    });
  },

  /** The inbox (badges and milestones arrive there), marking an unread one read; or the preferences. */
  async notifications(learner) {
    if (learner.chance(0.2))
      return void (await get(learner, 'GET /notifications/preferences', '/notifications/preferences'));
    const route = 'GET /notifications';
    const page = await get(learner, route, '/notifications?limit=20');
    const feed = page && learner.json<{ items: { id: number; status: string; readAt: string | null }[] }>(route, page);
    const unread = feed?.items.find((item) => item.status === 'sent' && item.readAt === null);
    if (!unread || !learner.chance(0.5)) return;
    await learner.call({
      route: 'PATCH /notifications/:id/read',
      method: 'PATCH',
      path: `/notifications/${unread.id}/read`,
      expect: [200],
    });
  },

  async me(learner) {
    await get(learner, 'GET /me', '/me');
  },

  async refresh(learner) {
    await learner.refresh();
  },
};
