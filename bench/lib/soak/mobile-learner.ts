import type { PublishedLessonKey } from '../../../test/support/lesson-answers.js';
import { send, type Exchange, type LoadRequest } from '../../../test/support/topology-load.js';

/** What every virtual learner shares: where to go, what is published, and where results go. */
export interface LearnerWorld {
  baseUrl: string;
  /** Published lessons with their answer keys (to answer right or wrong on purpose). */
  lessons: readonly PublishedLessonKey[];
  /** Unique per run (the bench database is kept between runs): emails, keys and device tokens. */
  runId: string;
  random(): number;
  /** Records one exchange under its route template; true when its status was one `expected`. */
  record(route: string, exchange: Exchange, expected: readonly number[]): boolean;
  /** Counts an error that is not one request's status (a hint that never came, a broken body). */
  fail(route: string, message: string): void;
  /** True once the workload is ending: long waits (hint polling) stop early, without an error. */
  stopping(): boolean;
}

export interface Call extends LoadRequest {
  /** The route template it is recorded under, e.g. `GET /lessons/:id`. */
  route: string;
  /** The statuses this call may answer; anything else is an error. */
  expect: readonly number[];
  /** Without the access token (sign-up, refresh): default false. */
  anonymous?: boolean;
}

const PASSWORD = 'violet-kayak-orbit-91';

/**
 * One app installation: signs up, keeps its token pair and the ETags it has seen, and sends every
 * call with its access token, as the mobile client (clients/techtrek-api) does.
 */
export class MobileLearner {
  private tokens: { access: string; refresh: string } | undefined;
  private readonly etags = new Map<string, string>();
  private sequence = 0;
  /** Lessons this learner has submitted an attempt for. */
  readonly attempted: number[] = [];

  constructor(
    readonly world: LearnerWorld,
    readonly index: number,
  ) {}

  get signedIn(): boolean {
    return this.tokens !== undefined;
  }

  /** A new number for this learner (idempotency keys, answers). */
  next(): number {
    return (this.sequence += 1);
  }

  chance(probability: number): boolean {
    return this.world.random() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.world.random() * items.length)]!;
  }

  /**
   * Sends one call, records it, and returns the answer when its status was expected. Each learner
   * comes from an address of its own (198.18.0.0/15, the benchmarking range), as phones do: nginx
   * passes it on in X-Forwarded-For, and the API's per-address limits count it apart.
   */
  async call(call: Call): Promise<Exchange | undefined> {
    const headers: Record<string, string> = {
      'x-forwarded-for': `198.18.${this.index >> 8}.${this.index & 255}`,
      ...(call.anonymous || !this.tokens ? {} : { authorization: `Bearer ${this.tokens.access}` }),
      ...call.headers,
    };
    const exchange = await send(this.world.baseUrl, { ...call, headers });
    return this.world.record(call.route, exchange, call.expect) ? exchange : undefined;
  }

  /** The answer's JSON body, or undefined (and an error counted) when it is not JSON. */
  json<T>(route: string, exchange: Exchange): T | undefined {
    try {
      return JSON.parse(exchange.body) as T;
    } catch {
      this.world.fail(route, `not JSON: ${exchange.body.slice(0, 200)}`);
      return undefined;
    }
  }

  /**
   * A public catalogue read, revalidated half the time with the ETag the learner last saw for it
   * (then 304 is expected too: 200 only if the lesson changed since).
   */
  async catalogue(route: string, path: string): Promise<void> {
    const etag = this.etags.get(path);
    const revalidate = etag !== undefined && this.chance(0.5);
    const answer = await this.call({
      route,
      method: 'GET',
      path,
      headers: revalidate ? { 'if-none-match': etag } : {},
      expect: revalidate ? [200, 304] : [200],
    });
    if (answer?.status === 200 && answer.headers.etag) this.etags.set(path, answer.headers.etag);
  }

  /** Sign-up, then the app's first screens: its push token registered and the topics read. */
  async signUp(): Promise<void> {
    const { runId } = this.world;
    const route = 'POST /auth/signup';
    const answer = await this.call({
      route,
      method: 'POST',
      path: '/auth/signup',
      payload: {
        email: `soak-${runId}-${this.index}@example.com`,
        username: `soak${runId}${this.index}`,
        password: PASSWORD,
      },
      anonymous: true,
      expect: [201],
    });
    const session = answer && this.json<{ accessToken: string; refreshToken: string }>(route, answer);
    if (!session) return;
    this.tokens = { access: session.accessToken, refresh: session.refreshToken };
    await this.call({
      route: 'POST /notifications/devices',
      method: 'POST',
      path: '/notifications/devices',
      payload: {
        token: `ExponentPushToken[soak-${runId}-${this.index}]`,
        platform: this.chance(0.5) ? 'ios' : 'android',
        provider: 'expo',
      },
      expect: [201],
    });
    await this.catalogue('GET /topics', '/topics');
  }

  /** Exchanges the refresh token for a new pair, as the client does when its access token expires. */
  async refresh(): Promise<void> {
    const route = 'POST /auth/refresh';
    const answer = await this.call({
      route,
      method: 'POST',
      path: '/auth/refresh',
      payload: { refreshToken: this.tokens!.refresh },
      anonymous: true,
      expect: [200],
    });
    const session = answer && this.json<{ accessToken: string; refreshToken: string }>(route, answer);
    if (session) this.tokens = { access: session.accessToken, refresh: session.refreshToken };
  }
}
