import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import { asUser, newLearner, signUp, type SignedIn } from './auth-client.js';
import { answersFor, publishedLessons, type PublishedLessonKey } from './lesson-answers.js';
import { fileUpload, png } from './media-fixtures.js';

/**
 * Who may call a route: anyone, any signed-in account (a learner acts on their own data), or
 * admins only. The authorization matrix (test/authorization-matrix.e2e-spec.ts) checks every live
 * route against this table, and fails for a route the table does not name.
 */
export type Audience = 'public' | 'learner' | 'admin';

/** Resources the calls need, made once through the API: learner 1's own, and the admins'. */
export interface Fixtures {
  lesson: PublishedLessonKey;
  /** A topic no one has progress in: broadcasts to it reach nobody. */
  quietTopic: string;
  quietTopicLessonIds: number[];
  draftLessonId: number;
  doomedLessonId: number;
  contentId: number;
  doomedContentId: number;
  feedbackId: number;
  mediaId: number;
  mediaKey: string;
  broadcastId: number;
  /** A learner whose role an admin may set (to what it already is). */
  bystanderId: number;
  bystander: { email: string; password: string };
  /** Learner 1's own resources, which everybody else must find absent. */
  hintId: number;
  notificationId: number;
  deviceToken: string;
}

/** What a call builder may use: the fixtures, and a new account when the call needs one. */
export interface CallContext {
  fixtures: Fixtures;
  newAccount: () => Promise<SignedIn>;
}

export interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteAccess {
  audience: Audience;
  /** The concrete request, with a valid body so that a 400 cannot hide a missing guard. */
  call?: (context: CallContext) => Call | Promise<Call>;
  /** The call ends or changes the caller's session or account: a new account of the role makes it. */
  disposableCaller?: true;
  /** Statuses an allowed caller may also get besides 2xx/3xx (each says why at its entry). */
  alsoAllowed?: number[];
  /**
   * Learner 1's resource addressed by the id in the URL: any other account gets a 404 problem.
   * `caller-view`: the URL names a shared thing (a lesson) and each caller sees only their own.
   */
  owned?: 'by-id' | 'caller-view';
  /**
   * A refusal an anonymous caller gets *before* authentication for a body of the wrong kind (a
   * finding, kept here so the matrix stays green until it is decided; see the entry).
   */
  refusedBeforeAuthentication?: number;
  /** For `caller-view`: what another learner must see instead of learner 1's data. */
  othersSee?: (body: unknown) => void;
}

const PASSWORD = String(newLearner().password);
const expoToken = (): string => `ExponentPushToken[${randomUUID().replace(/-/g, '').slice(0, 22)}]`;
const inADay = (): string => new Date(Date.now() + 86_400_000).toISOString();
const url =
  (path: string, body?: unknown): (() => Call) =>
  () => ({ url: path, body });

const NEW_LESSON = {
  title: 'Authorization matrix lesson',
  summary: 'A draft made by the authorization matrix test.',
  content: '# Access\n\nWho may read what.',
  difficulty: 'beginner',
  estimatedMinutes: 3,
  exercises: [{ kind: 'true_false', prompt: 'Admins may publish.', correct: [true], explanation: 'They may.' }],
};

/** The API's own routes, in the order the matrix calls them (reads and edits before deletes). */
const API_ROUTES: Record<string, RouteAccess> = {
  // Operations and documentation
  'GET /health': { audience: 'public' },
  'GET /health/ready': { audience: 'public' },
  'GET /metrics': { audience: 'public' },
  'GET /docs': { audience: 'public' },
  'GET /docs/': { audience: 'public' },
  'GET /docs/index.html': { audience: 'public' },
  // Registered by @nestjs/swagger, but answers 404 (not an access question).
  'GET /docs/LICENSE': { audience: 'public', alsoAllowed: [404] },
  'GET /docs/swagger-ui-init.js': { audience: 'public' },
  'GET /docs/docs/swagger-ui-init.js': { audience: 'public' },
  'GET /docs/*': { audience: 'public', call: url('/docs/swagger-ui.css') },
  'GET /docs-json': { audience: 'public' },
  'GET /docs-yaml': { audience: 'public' },
  // CORS preflight for any path.
  'OPTIONS *': {
    audience: 'public',
    call: () => ({ url: '/me', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } }),
  },

  // Accounts
  'POST /auth/signup': { audience: 'public', call: () => ({ url: '/auth/signup', body: newLearner() }) },
  'POST /auth/login': {
    audience: 'public',
    call: ({ fixtures }) => ({ url: '/auth/login', body: fixtures.bystander }),
  },
  'POST /auth/refresh': {
    audience: 'public',
    // A refresh token is single-use: each call gets a session of its own.
    call: async ({ newAccount }) => ({
      url: '/auth/refresh',
      body: { refreshToken: (await newAccount()).refreshToken },
    }),
  },
  'POST /auth/password/forgot': {
    audience: 'public',
    call: ({ fixtures }) => ({ url: '/auth/password/forgot', body: { email: fixtures.bystander.email } }),
  },
  'POST /auth/password/reset': {
    audience: 'public',
    // The code is mailed, so the test sends a well-formed wrong one: refused as a bad request.
    alsoAllowed: [400],
    call: ({ fixtures }) => ({
      url: '/auth/password/reset',
      body: { email: fixtures.bystander.email, code: '000000', newPassword: 'quiet-harbour-lamp-42' },
    }),
  },
  'POST /auth/password': {
    audience: 'learner',
    disposableCaller: true,
    call: url('/auth/password', { currentPassword: PASSWORD, newPassword: 'quiet-harbour-lamp-42' }),
  },
  'POST /auth/logout': { audience: 'learner', disposableCaller: true },
  'GET /me': { audience: 'learner' },
  'PATCH /me': { audience: 'learner', call: url('/me', { timezone: 'Europe/Oslo' }) },
  'GET /me/export': { audience: 'learner' },
  'DELETE /me': { audience: 'learner', disposableCaller: true, call: url('/me', { password: PASSWORD }) },

  // Catalogue and media
  'GET /topics': { audience: 'public' },
  'GET /lessons': { audience: 'public' },
  'GET /lessons/:id': { audience: 'public', call: ({ fixtures }) => ({ url: `/lessons/${fixtures.lesson.lessonId}` }) },
  'GET /media/:key': { audience: 'public', call: ({ fixtures }) => ({ url: `/media/${fixtures.mediaKey}` }) },

  // Progress and gamification
  'POST /progress': {
    audience: 'learner',
    call: ({ fixtures }) => ({
      url: '/progress',
      body: { lessonId: fixtures.lesson.lessonId, answers: answersFor(fixtures.lesson) },
    }),
  },
  'POST /progress/batch': {
    audience: 'learner',
    call: ({ fixtures }) => ({
      url: '/progress/batch',
      body: {
        attempts: [
          {
            lessonId: fixtures.lesson.lessonId,
            answers: answersFor(fixtures.lesson),
            completedAt: new Date().toISOString(),
            idempotencyKey: randomUUID(),
          },
        ],
      },
    }),
  },
  'GET /progress': { audience: 'learner' },
  'GET /progress/:lessonId': {
    audience: 'learner',
    owned: 'caller-view',
    call: ({ fixtures }) => ({ url: `/progress/${fixtures.lesson.lessonId}` }),
    othersSee: (body) => expect(body).toMatchObject({ attempts: 0, bestScore: null, history: [] }),
  },
  'GET /gamification': { audience: 'learner' },
  'GET /gamification/leaderboard': { audience: 'learner' },
  'POST /feedback': {
    audience: 'learner',
    call: ({ fixtures }) => ({ url: '/feedback', body: { lessonId: fixtures.lesson.lessonId, rating: 4 } }),
  },

  // AI hints
  'POST /ai/hint': {
    audience: 'learner',
    call: ({ fixtures }) => ({
      url: '/ai/hint',
      body: { lessonId: fixtures.lesson.lessonId, exerciseId: fixtures.lesson.exercises[0]!.id, level: 1 },
    }),
  },
  'GET /ai/hint/:jobId': {
    audience: 'learner',
    owned: 'by-id',
    call: ({ fixtures }) => ({ url: `/ai/hint/${fixtures.hintId}` }),
  },
  'POST /ai/hint/:id/feedback': {
    audience: 'learner',
    owned: 'by-id',
    call: ({ fixtures }) => ({ url: `/ai/hint/${fixtures.hintId}/feedback`, body: { helpful: true } }),
  },

  // Notifications
  'GET /notifications': { audience: 'learner' },
  'POST /notifications': {
    audience: 'learner',
    call: () => ({
      url: '/notifications',
      body: { title: 'Study', body: 'Ten minutes of APIs', scheduledTime: inADay() },
    }),
  },
  'PATCH /notifications/:id/read': {
    audience: 'learner',
    owned: 'by-id',
    call: ({ fixtures }) => ({ url: `/notifications/${fixtures.notificationId}/read` }),
  },
  'DELETE /notifications/:id': {
    audience: 'learner',
    owned: 'by-id',
    call: ({ fixtures }) => ({ url: `/notifications/${fixtures.notificationId}` }),
  },
  'POST /notifications/devices': {
    audience: 'learner',
    // A new token each call: registering one that exists moves it to the caller (by design).
    call: () => ({ url: '/notifications/devices', body: { token: expoToken(), platform: 'ios', provider: 'expo' } }),
  },
  'DELETE /notifications/devices/:token': {
    audience: 'learner',
    owned: 'by-id',
    call: ({ fixtures }) => ({ url: `/notifications/devices/${encodeURIComponent(fixtures.deviceToken)}` }),
  },
  'GET /notifications/preferences': { audience: 'learner' },
  'PUT /notifications/preferences': {
    audience: 'learner',
    call: url('/notifications/preferences', {
      dailyReminder: { enabled: true, localTime: '20:30' },
      milestoneAlerts: true,
      quietHours: null,
    }),
  },

  // Administration
  'PATCH /admin/users/:id/role': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/users/${fixtures.bystanderId}/role`, body: { role: 'learner' } }),
  },
  'GET /admin/lessons': { audience: 'admin' },
  'POST /admin/lessons': { audience: 'admin', call: url('/admin/lessons', { topic: 'apis', ...NEW_LESSON }) },
  'GET /admin/lessons/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/lessons/${fixtures.draftLessonId}` }),
  },
  'PATCH /admin/lessons/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/lessons/${fixtures.draftLessonId}`, body: { summary: 'Edited.' } }),
  },
  'POST /admin/lessons/:id/publish': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/lessons/${fixtures.draftLessonId}/publish` }),
  },
  'POST /admin/lessons/:id/unpublish': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/lessons/${fixtures.draftLessonId}/unpublish` }),
  },
  'DELETE /admin/lessons/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/lessons/${fixtures.doomedLessonId}` }),
  },
  'PUT /admin/topics/:topic/order': {
    audience: 'admin',
    call: ({ fixtures }) => ({
      url: `/admin/topics/${fixtures.quietTopic}/order`,
      body: { lessonIds: fixtures.quietTopicLessonIds },
    }),
  },
  'GET /admin/feedback': { audience: 'admin' },
  'PATCH /admin/feedback/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/feedback/${fixtures.feedbackId}`, body: { status: 'resolved' } }),
  },
  'GET /admin/content': { audience: 'admin' },
  'POST /admin/content': { audience: 'admin', call: url('/admin/content', { title: 'Glossary: role' }) },
  'GET /admin/content/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/content/${fixtures.contentId}` }),
  },
  'PATCH /admin/content/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({
      url: `/admin/content/${fixtures.contentId}`,
      body: { description: 'Who may do what.' },
    }),
  },
  'DELETE /admin/content/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/content/${fixtures.doomedContentId}` }),
  },
  'GET /admin/audit': { audience: 'admin' },
  'GET /admin/ai/stats': { audience: 'admin' },
  'POST /admin/media': {
    audience: 'admin',
    // MultipartUploadPolicy's onRequest hook refuses a non-multipart body with 415 before the
    // access-token guard runs: a stranger learns the route's contract (reported in #8).
    refusedBeforeAuthentication: 415,
    call: () => {
      const upload = fileUpload(png(3, 3, { noise: true }), 'matrix.png', 'image/png');
      return { url: '/admin/media', body: upload.payload, headers: upload.headers };
    },
  },
  'GET /admin/media': { audience: 'admin' },
  'GET /admin/media/:id': { audience: 'admin', call: ({ fixtures }) => ({ url: `/admin/media/${fixtures.mediaId}` }) },
  'POST /admin/notifications/broadcast': {
    audience: 'admin',
    call: ({ fixtures }) => ({
      url: '/admin/notifications/broadcast',
      body: { title: 'Quiet', body: 'Reaches nobody', audience: { topic: fixtures.quietTopic } },
    }),
  },
  'GET /admin/notifications/broadcast/:id': {
    audience: 'admin',
    call: ({ fixtures }) => ({ url: `/admin/notifications/broadcast/${fixtures.broadcastId}` }),
  },
  'POST /admin/queue-board/session': { audience: 'admin' },
  'DELETE /admin/queue-board/session': { audience: 'admin' },
};

/** Placeholders for path parameters the queue board's routes take (a queue that does not exist). */
const BOARD_PARAMETERS: Record<string, string> = {
  queueName: 'no-such-queue',
  jobId: '1',
  queueStatus: 'failed',
  schedulerId: 'no-such-scheduler',
  '*': 'no-such-asset.js',
};

export function fillParameters(template: string, values: Record<string, string> = BOARD_PARAMETERS): string {
  return template.replace(/:(\w+)|\*/g, (match, name?: string) => values[name ?? match] ?? match);
}

/**
 * Bull Board (a Fastify plugin under /admin/queues, outside Nest's guards; BoardAuthHook guards
 * it): admins only. Its calls name a queue that does not exist, so an admin gets 404 there and
 * nothing is paused, emptied or obliterated.
 */
const BOARD_ROUTES = [
  'GET /admin/queues',
  'GET /admin/queues/static/*',
  'GET /admin/queues/metrics-history',
  'GET /admin/queues/job-schedulers',
  'GET /admin/queues/queue/:queueName',
  'GET /admin/queues/queue/:queueName/:jobId',
  'GET /admin/queues/api/redis/stats',
  'GET /admin/queues/api/queues',
  'GET /admin/queues/api/job-schedulers',
  'GET /admin/queues/api/queues/:queueName/metrics',
  'GET /admin/queues/api/queues/:queueName/default-job-options',
  'GET /admin/queues/api/queues/:queueName/workers',
  'GET /admin/queues/api/queues/:queueName/rate-limit',
  'GET /admin/queues/api/queues/:queueName/job-data-schema',
  'GET /admin/queues/api/queues/:queueName/:jobId',
  'GET /admin/queues/api/queues/:queueName/:jobId/logs',
  'GET /admin/queues/api/queues/:queueName/:jobId/flow',
  'POST /admin/queues/api/queues/:queueName/add',
  'PUT /admin/queues/api/queues/:queueName/retry/:queueStatus',
  'PUT /admin/queues/api/queues/:queueName/promote',
  'PUT /admin/queues/api/queues/:queueName/clean/:queueStatus',
  'PUT /admin/queues/api/queues/:queueName/pause',
  'PUT /admin/queues/api/queues/:queueName/resume',
  'PUT /admin/queues/api/queues/:queueName/concurrency',
  'PUT /admin/queues/api/queues/:queueName/rate-limit',
  'PUT /admin/queues/api/queues/:queueName/rate-limit/release',
  'PUT /admin/queues/api/queues/:queueName/empty',
  'PUT /admin/queues/api/queues/:queueName/obliterate',
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/remove',
  'PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId',
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/run',
  'PUT /admin/queues/api/queues/:queueName/:jobId/retry',
  'PUT /admin/queues/api/queues/:queueName/:jobId/clean',
  'PUT /admin/queues/api/queues/:queueName/:jobId/promote',
  'PATCH /admin/queues/api/queues/:queueName/:jobId/update-data',
  'PATCH /admin/queues/api/queues/:queueName/:jobId/delay',
  'PATCH /admin/queues/api/queues/:queueName/:jobId/priority',
  'PUT /admin/queues/api/queues/:queueName/:jobId/remove-unprocessed-children',
  // Every queue at once: paused, then resumed at once.
  'PUT /admin/queues/api/queues/pause',
  'PUT /admin/queues/api/queues/resume',
];

/** Board routes that check their body before they look the queue up: an admin gets 400 there. */
const BOARD_ROUTES_VALIDATING_FIRST = new Set([
  'PUT /admin/queues/api/queues/:queueName/concurrency',
  'PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId',
  'PATCH /admin/queues/api/queues/:queueName/:jobId/update-data',
  'PATCH /admin/queues/api/queues/:queueName/:jobId/delay',
  'PATCH /admin/queues/api/queues/:queueName/:jobId/priority',
]);

const boardRoute = (route: string): RouteAccess => ({
  audience: 'admin',
  alsoAllowed: BOARD_ROUTES_VALIDATING_FIRST.has(route) ? [400, 404] : [404],
  call: () => ({ url: fillParameters(route.slice(route.indexOf(' ') + 1)), body: {} }),
});

/** Every route of the API process, keyed `METHOD /path/:param` as Fastify registers it. */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  ...API_ROUTES,
  ...Object.fromEntries(BOARD_ROUTES.map((route) => [route, boardRoute(route)])),
};

/** Sends a request as `token` and returns the JSON of a response with the expected status. */
async function made<T>(
  api: NestFastifyApplication,
  token: string,
  call: Call & { method: string },
  status: number,
): Promise<T> {
  const response = await asUser(api, token)(call.method, call.url, call.body, call.headers);
  const made = { call: `${call.method} ${call.url}`, status: response.statusCode };
  expect(made.status === status ? made : { ...made, body: response.body.slice(0, 300) }).toEqual({ ...made, status });
  return response.json<T>();
}

/**
 * Makes, through the API, what the calls address: learner 1's hint, reminder, device, attempt and
 * feedback, and the admins' drafts, entries, media and broadcast. Needs the seeded curriculum and
 * a worker (the hint is written by it).
 */
export async function arrangeFixtures(
  api: NestFastifyApplication,
  db: pg.Client,
  learner: SignedIn,
  admin: SignedIn,
): Promise<Fixtures> {
  const lessons = await publishedLessons(db);
  const lesson = lessons.find((candidate) => candidate.topic !== 'apis')!;
  const quietTopic = lessons.find((candidate) => ![lesson.topic, 'apis'].includes(candidate.topic))!.topic;
  const { rows } = await db.query<{ id: number }>(
    `SELECT lesson_id AS id FROM lessons WHERE topic = $1 ORDER BY sequence_order, lesson_id`,
    [quietTopic],
  );
  const asAdmin = <T>(method: string, call: Call, status: number) =>
    made<T>(api, admin.accessToken, { ...call, method }, status);
  const asLearner = <T>(method: string, call: Call, status: number) =>
    made<T>(api, learner.accessToken, { ...call, method }, status);
  const draft = () =>
    asAdmin<{ id: number }>('POST', { url: '/admin/lessons', body: { topic: 'apis', ...NEW_LESSON } }, 201);
  const entry = () =>
    asAdmin<{ id: number }>('POST', { url: '/admin/content', body: { title: 'Glossary: token' } }, 201);
  const upload = fileUpload(png(2, 2, { noise: true }), 'fixture.png', 'image/png');
  const media = await asAdmin<{ id: number; url: string }>(
    'POST',
    { url: '/admin/media', body: upload.payload, headers: upload.headers },
    201,
  );
  const bystanderBody = newLearner();
  const bystander = await signUp(api, bystanderBody);
  const deviceToken = expoToken();
  await asLearner(
    'POST',
    { url: '/progress', body: { lessonId: lesson.lessonId, answers: answersFor(lesson, 1) } },
    201,
  );
  await asLearner(
    'POST',
    { url: '/notifications/devices', body: { token: deviceToken, platform: 'ios', provider: 'expo' } },
    201,
  );
  return {
    lesson,
    quietTopic,
    quietTopicLessonIds: rows.map((row) => row.id),
    draftLessonId: (await draft()).id,
    doomedLessonId: (await draft()).id,
    contentId: (await entry()).id,
    doomedContentId: (await entry()).id,
    feedbackId: (
      await asLearner<{ id: number }>('POST', { url: '/feedback', body: { lessonId: lesson.lessonId, rating: 2 } }, 201)
    ).id,
    mediaId: media.id,
    mediaKey: media.url.slice(media.url.lastIndexOf('/') + 1),
    broadcastId: (
      await asAdmin<{ id: number }>(
        'POST',
        {
          url: '/admin/notifications/broadcast',
          body: { title: 'Quiet', body: 'Nobody', audience: { topic: quietTopic } },
        },
        202,
      )
    ).id,
    bystanderId: bystander.user.id,
    bystander: { email: String(bystanderBody.email), password: String(bystanderBody.password) },
    hintId: (
      await asLearner<{ id: number }>(
        'POST',
        { url: '/ai/hint', body: { lessonId: lesson.lessonId, exerciseId: lesson.exercises[0]!.id, level: 2 } },
        200,
      )
    ).id,
    notificationId: (
      await asLearner<{ id: number }>(
        'POST',
        { url: '/notifications', body: { title: 'Mine', body: 'Only mine', scheduledTime: inADay() } },
        201,
      )
    ).id,
    deviceToken,
  };
}
