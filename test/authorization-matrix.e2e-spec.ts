import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { seed } from '../apps/worker/src/commands/seed.command.js';
import { asUser, bearer, signUp, signUpAdmin, type SignedIn } from './support/auth-client.js';
import { expectProblem } from './support/problem.js';
import {
  arrangeFixtures,
  ROUTE_ACCESS,
  type Call,
  type CallContext,
  type Fixtures,
  type RouteAccess,
} from './support/route-access.js';
import { TestHarness } from './support/test-harness.js';

/** Every route Fastify registers (Nest's, Swagger's, Bull Board's), as `METHOD /path`. */
const registered: string[] = [];

/**
 * Listens to Fastify's `onRoute` hook from the moment the app's providers are built, before Nest,
 * Swagger or Bull Board declare a route; the router's own printout is checked against it too.
 */
@Injectable()
class RouteRecorder {
  constructor(host: HttpAdapterHost) {
    host.httpAdapter.getInstance<FastifyInstance>().addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) registered.push(`${method} ${route.url}`);
    });
  }
}

@Module({ providers: [RouteRecorder] })
class RouteRecorderModule {}

/** A route as the matrix names it: Fastify's automatic HEAD routes go with their GET. */
function liveRoutes(): string[] {
  const all = new Set(registered);
  const isAutomaticHead = (route: string) => route.startsWith('HEAD ') && all.has(`GET ${route.slice(5)}`);
  return [...all].filter((route) => !isAutomaticHead(route));
}

/** `METHOD /path` pairs read from `printRoutes()`, with parameter names and trailing slashes dropped. */
function printedRoutes(fastify: FastifyInstance): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    for (const method of match[3]?.split(', ') ?? []) routes.push(normalized(`${method} ${stack.join('')}`));
  }
  return routes;
}

const normalized = (route: string): string => route.replace(/:[^/]+/g, ':').replace(/(.)\/$/, '$1');

const isServed = (status: number, access: RouteAccess): boolean =>
  (status >= 200 && status < 400) || (access.alsoAllowed ?? []).includes(status);

describe('authorization matrix: every route × {anonymous, learner, another learner, admin}', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let db: pg.Client;
  let mediaDir: string;
  let learner: SignedIn;
  let another: SignedIn;
  let admin: SignedIn;
  let fixtures: Fixtures;
  let context: CallContext;
  let routes: string[];

  beforeAll(async () => {
    mediaDir = await mkdtemp(join(tmpdir(), 'techtrek-authz-media-'));
    harness = await TestHarness.start({ MEDIA_LOCAL_DIR: mediaDir, HINT_DAILY_QUOTA: '1000' });
    await seed(harness.environment, () => undefined);
    api = await harness.startApi(RouteRecorderModule);
    await harness.startWorker();
    db = await harness.database();
    [learner, another, admin] = [await signUp(api), await signUp(api), await signUpAdmin(api, db)];
    fixtures = await arrangeFixtures(api, db, learner, admin);
    context = { fixtures, newAccount: () => signUp(api) };
    const live = new Set(liveRoutes());
    routes = Object.keys(ROUTE_ACCESS).filter((route) => live.has(route));
  });

  afterAll(async () => {
    await harness?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });

  const methodOf = (route: string) => route.slice(0, route.indexOf(' ')) as 'GET';

  /** The table's request for a route, or its path as it stands when it takes no parameter. */
  async function callOf(route: string): Promise<Call> {
    return (await ROUTE_ACCESS[route]!.call?.(context)) ?? { url: route.slice(route.indexOf(' ') + 1) };
  }

  function inject(method: string, call: Call, token?: string): Promise<LightMyRequestResponse> {
    return api.inject({
      method: method as 'GET',
      url: call.url,
      headers: { ...(token ? bearer(token) : {}), ...call.headers },
      ...(call.body === undefined ? {} : { payload: call.body as object }),
    });
  }

  async function send(route: string, token?: string): Promise<LightMyRequestResponse> {
    return inject(methodOf(route), await callOf(route), token);
  }

  /**
   * Runs `check` for each route, collecting `route as role: expected …, got …` instead of stopping
   * at the first. Checks that change nothing (refusals) may run side by side; the others run in the
   * table's order (an edit before a delete).
   */
  async function everyRoute(
    who: string,
    check: (route: string, access: RouteAccess) => Promise<string | undefined>,
    { sideBySide = false } = {},
  ): Promise<string[]> {
    const run = async (route: string) => {
      const failure = await check(route, ROUTE_ACCESS[route]!);
      return failure && `${route} as ${who}: ${failure}`;
    };
    const results: (string | undefined)[] = [];
    if (sideBySide) results.push(...(await Promise.all(routes.map(run))));
    else for (const route of routes) results.push(await run(route));
    return results.filter((failure): failure is string => failure !== undefined);
  }

  const got = (response: LightMyRequestResponse): string =>
    `got ${response.statusCode} ${response.headers['content-type'] ?? ''} ${response.body.slice(0, 160)}`;

  /** `undefined` when the response is the problem document expected, else what was wrong. */
  function problemFailure(response: LightMyRequestResponse, status: number): string | undefined {
    try {
      expectProblem(response, status);
      return undefined;
    } catch {
      return `expected a ${status} problem, ${got(response)}`;
    }
  }

  const servedFailure = (response: LightMyRequestResponse, access: RouteAccess): string | undefined =>
    isServed(response.statusCode, access) ? undefined : `expected to be served, ${got(response)}`;

  it('names every live route in the table, and no route that is gone', () => {
    const live = liveRoutes();
    expect(live.length).toBeGreaterThan(100);
    const table = Object.keys(ROUTE_ACCESS);
    expect({
      missingFromTable: live.filter((route) => !(route in ROUTE_ACCESS)),
      noLongerLive: table.filter((route) => !live.includes(route)),
    }).toEqual({ missingFromTable: [], noLongerLive: [] });
  });

  it('says, for every learner route with a path parameter, whose resource the parameter names', () => {
    const undeclared = Object.entries(ROUTE_ACCESS)
      .filter(([route, access]) => access.audience === 'learner' && route.includes('/:') && !access.owned)
      .map(([route]) => route);
    expect(undeclared).toEqual([]);
  });

  it('recorded every route the router holds', () => {
    const recorded = registered.map(normalized);
    // The printout shortens a wildcard's static part (`/admin/queues/static/*` prints as `/admin/queues*`).
    const covers = (printed: string) => (route: string) =>
      printed.endsWith('*') ? route.endsWith('*') && route.startsWith(printed.slice(0, -1)) : route === printed;
    const printed = printedRoutes(api.getHttpAdapter().getInstance());
    expect(printed.length).toBeGreaterThan(100);
    expect(printed.filter((route) => !recorded.some(covers(route)))).toEqual([]);
  });

  it('anonymous: a 401 problem on every protected route (HEAD too, and before any validation); public routes served', async () => {
    const failures = await everyRoute(
      'anonymous',
      async (route, access) => {
        const call = await callOf(route);
        const response = await inject(methodOf(route), call);
        if (access.audience === 'public') return servedFailure(response, access);
        const unauthenticated = problemFailure(response, 401);
        if (unauthenticated) return unauthenticated;
        if (call.body !== undefined) {
          // The guard must run before validation: a 400 would tell a stranger the route's contract.
          const invalid = await inject(methodOf(route), { url: call.url, body: { notAField: ['<'] } });
          const expected = access.refusedBeforeAuthentication ?? 401;
          if (invalid.statusCode !== expected) return `with an invalid body: expected ${expected}, ${got(invalid)}`;
        }
        if (methodOf(route) !== 'GET') return undefined;
        const head = await inject('HEAD', call);
        return head.statusCode === 401 ? undefined : `HEAD: expected 401, ${got(head)}`;
      },
      { sideBySide: true },
    );
    expect(failures).toEqual([]);
  });

  /** What learner 1 owns, read back as learner 1 (and, for what no route shows, from the database). */
  async function learnerOnesData(): Promise<Record<string, unknown>> {
    const asLearner = asUser(api, learner.accessToken);
    const feed = (await asLearner('GET', '/notifications?limit=100')).json<{ items: { id: number }[] }>();
    const rated = await db.query(`SELECT helpful, rated_at FROM hint_requests WHERE hint_request_id = $1`, [
      fixtures.hintId,
    ]);
    const devices = await db.query(`SELECT token FROM devices WHERE user_id = $1 ORDER BY token`, [learner.user.id]);
    return {
      hint: (await asLearner('GET', `/ai/hint/${fixtures.hintId}`)).json(),
      rating: rated.rows,
      reminder: feed.items.find((item) => item.id === fixtures.notificationId),
      progress: (await asLearner('GET', `/progress/${fixtures.lesson.lessonId}`)).json(),
      devices: devices.rows,
    };
  }

  it("another learner: a 404 problem for learner 1's resources (read, change, delete), which stay as they were", async () => {
    const before = await learnerOnesData();
    expect(before).toMatchObject({
      hint: { id: fixtures.hintId, hint: expect.any(String) },
      reminder: { id: fixtures.notificationId, status: 'scheduled', readAt: null },
      progress: { attempts: 1 },
      devices: [{ token: fixtures.deviceToken }],
    });
    const failures = await everyRoute('another learner', async (route, access) => {
      if (!access.owned) return undefined;
      const response = await send(route, another.accessToken);
      if (access.owned === 'by-id') return problemFailure(response, 404);
      if (response.statusCode !== 200) return `expected their own view, ${got(response)}`;
      access.othersSee?.(response.json());
      return undefined;
    });
    expect(failures).toEqual([]);
    expect(await learnerOnesData()).toEqual(before);
  });

  it("another learner: none of learner 1's data in their own lists and export", async () => {
    const asAnother = asUser(api, another.accessToken);
    const feed = (await asAnother('GET', '/notifications?limit=100')).json<{ items: { id: number }[] }>();
    expect(feed.items.map((item) => item.id)).not.toContain(fixtures.notificationId);
    const progress = (await asAnother('GET', '/progress')).json<{ items: { lessonId: number }[] }>();
    expect(progress.items).toEqual([]);
    const hint = (await asUser(api, learner.accessToken)('GET', `/ai/hint/${fixtures.hintId}`)).json<{
      hint: string;
    }>();
    const exported = (await asAnother('GET', '/me/export')).body;
    for (const secret of [learner.user.email, fixtures.deviceToken, hint.hint, 'Only mine']) {
      expect(exported).not.toContain(secret);
    }
  });

  it('learner: a 403 problem on every admin route; learner and public routes served', async () => {
    const failures = await everyRoute('learner', async (route, access) => {
      const caller = access.disposableCaller ? await signUp(api) : learner;
      const response = await send(route, caller.accessToken);
      return access.audience === 'admin' ? problemFailure(response, 403) : servedFailure(response, access);
    });
    expect(failures).toEqual([]);
  });

  it("admin: every route served (and learner 1's resources are a 404 problem to them too)", async () => {
    const failures = await everyRoute('admin', async (route, access) => {
      const caller = access.disposableCaller ? await signUpAdmin(api, db) : admin;
      const response = await send(route, caller.accessToken);
      return access.owned === 'by-id' ? problemFailure(response, 404) : servedFailure(response, access);
    });
    expect(failures).toEqual([]);
  });

  /** The same path spelled otherwise: a router may match these, so a guard must hold for them too. */
  const spellings = (url: string): string[] => {
    const [path, query] = url.split('?');
    const suffix = query === undefined ? '' : `?${query}`;
    return [
      `${path}/${suffix}`,
      `${path!.replace(/^\/(\w)/, (_all, first: string) => `/%${first.charCodeAt(0).toString(16)}`)}${suffix}`,
      `/${path}${suffix}`,
      `${path}${suffix ? `${suffix}&` : '?'}role=admin`,
    ];
  };

  it('other spellings of a protected path (trailing slash, percent-encoding, double slash, a query) meet the same guard', async () => {
    const refusals = [
      { role: 'anonymous', token: undefined, status: 401, audiences: ['learner', 'admin'] },
      { role: 'learner', token: learner.accessToken, status: 403, audiences: ['admin'] },
    ] as const;
    const failures = await everyRoute(
      'anonymous or learner',
      async (route, access) => {
        const call = await callOf(route);
        // Not the route at all is fine (404; a multipart body off the upload route is a 415 first).
        const notTheRoute = call.headers?.['content-type']?.startsWith('multipart/') ? [404, 415] : [404];
        const found: string[] = [];
        for (const { role, token, status, audiences } of refusals) {
          if (!(audiences as readonly string[]).includes(access.audience)) continue;
          for (const url of spellings(call.url)) {
            const response = await inject(methodOf(route), { ...call, url }, token);
            const expected = notTheRoute.includes(response.statusCode) ? response.statusCode : status;
            const failure = problemFailure(response, expected);
            if (failure) found.push(`${url} as ${role}: ${failure}`);
          }
        }
        return found.length ? found.join('; ') : undefined;
      },
      { sideBySide: true },
    );
    expect(failures).toEqual([]);
  });

  it("the queue board refuses a learner's token and a forged one in its cookie as in the header", async () => {
    const failures = await everyRoute(
      'learner',
      async (route) => {
        if (!route.includes(' /admin/queues')) return undefined;
        const { url } = await callOf(route);
        for (const [cookie, status] of [
          [`techtrek_board=${learner.accessToken}`, 403],
          [`techtrek_board=${admin.accessToken.slice(0, -2)}xx`, 401],
        ] as const) {
          const failure = problemFailure(await inject(methodOf(route), { url, headers: { cookie } }), status);
          if (failure) return `with cookie ${cookie.slice(0, 24)}…: ${failure}`;
        }
        return undefined;
      },
      { sideBySide: true },
    );
    expect(failures).toEqual([]);
  });

  it("ended sessions: a logged-out learner's and a demoted admin's tokens are a 401 problem on every protected route", async () => {
    const loggedOut = await signUp(api);
    expect((await asUser(api, loggedOut.accessToken)('POST', '/auth/logout')).statusCode).toBe(204);
    const demoted = await signUpAdmin(api, db);
    const demotion = await asUser(api, admin.accessToken)('PATCH', `/admin/users/${demoted.user.id}/role`, {
      role: 'learner',
    });
    expect(demotion.statusCode).toBe(200);
    const failures: string[] = [];
    for (const token of [loggedOut.accessToken, demoted.accessToken]) {
      const refused = async (route: string, access: RouteAccess) =>
        access.audience === 'public' ? undefined : problemFailure(await send(route, token), 401);
      failures.push(...(await everyRoute('ended session', refused, { sideBySide: true })));
    }
    expect(failures).toEqual([]);
  });
});
