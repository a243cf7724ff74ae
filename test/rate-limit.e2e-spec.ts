import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { expectProblem } from './support/problem.js';
import { RateLimitProbeModule } from './support/rate-limit-probe.module.js';
import { TestHarness } from './support/test-harness.js';

let lastOctet = 0;
/** A fresh client address per scenario, so scenarios do not spend each other's budgets. */
const nextIp = (): string => {
  lastOctet += 1;
  return `10.0.${Math.floor(lastOctet / 250)}.${(lastOctet % 250) + 1}`;
};

const login = (api: NestFastifyApplication, email: unknown, ip: string) =>
  api.inject({ method: 'POST', url: '/__rate/login', remoteAddress: ip, payload: { email, password: 'x' } });

const ping = (api: NestFastifyApplication, ip: string, headers: Record<string, string> = {}) =>
  api.inject({ method: 'GET', url: '/__rate/ping', remoteAddress: ip, headers });

function expectRateLimited(response: LightMyRequestResponse): void {
  const problem = expectProblem(response, 429, 'REQUEST.RATE_LIMITED');
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(problem.detail).toBe(
    `Too many requests; try again in ${retryAfter} ${retryAfter === 1 ? 'second' : 'seconds'}`,
  );
  expect(problem.title).toBe('Too Many Requests');
}

describe('rate limits (shared in Redis)', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let otherApi: NestFastifyApplication;

  beforeAll(async () => {
    harness = await TestHarness.start({ THROTTLE_AUTH_LIMIT: '2', THROTTLE_DEFAULT_LIMIT: '5' });
    api = await harness.startApi(RateLimitProbeModule);
    otherApi = await harness.startApi(RateLimitProbeModule);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('refuses the third login for the same email within the window, from any address', async () => {
    const email = 'ada@example.com';
    expect((await login(api, email, nextIp())).statusCode).toBe(200);
    expect((await login(api, ' Ada@Example.COM ', nextIp())).statusCode).toBe(200);

    expectRateLimited(await login(api, email, nextIp()));
  });

  it('limits one address trying many emails, through the per-address limit', async () => {
    const ip = nextIp();
    expect((await login(api, 'one@example.com', ip)).statusCode).toBe(200);
    expect((await login(api, 'two@example.com', ip)).statusCode).toBe(200);

    expectRateLimited(await login(api, 'three@example.com', ip));
    expect((await login(api, 'three@example.com', nextIp())).statusCode).toBe(200);
  });

  it('counts logins without a string email by address only', async () => {
    const ip = nextIp();
    expectProblem(await login(api, 42, ip), 400, 'REQUEST.VALIDATION_FAILED');
    expectProblem(await login(api, undefined, ip), 400, 'REQUEST.VALIDATION_FAILED');

    expectRateLimited(await login(api, 'four@example.com', ip));
  });

  it('shares the limits between API instances', async () => {
    const email = 'shared@example.com';
    expect((await login(api, email, nextIp())).statusCode).toBe(200);
    expect((await login(otherApi, email, nextIp())).statusCode).toBe(200);
    expectRateLimited(await login(api, email, nextIp()));
    expectRateLimited(await login(otherApi, email, nextIp()));

    const ip = nextIp();
    for (let i = 0; i < 5; i += 1) expect((await ping(i % 2 === 0 ? api : otherApi, ip)).statusCode).toBe(200);
    expectRateLimited(await ping(otherApi, ip));
  });

  it('applies the default limit to every route, per address, with rate-limit headers', async () => {
    const ip = nextIp();
    const first = await ping(api, ip);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-ratelimit-limit']).toBe('5');
    expect(first.headers['x-ratelimit-remaining']).toBe('4');
    for (let i = 0; i < 4; i += 1) expect((await ping(api, ip)).statusCode).toBe(200);

    expectRateLimited(await ping(api, ip));
    expect((await ping(api, nextIp())).statusCode).toBe(200);
  });

  it('does not apply the strict auth limit to other routes', async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i += 1) expect((await ping(api, ip)).statusCode).toBe(200);
  });

  it('counts a signed-in user by id rather than by address', async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i += 1) expect((await ping(api, ip, { 'x-probe-user': '7' })).statusCode).toBe(200);
    expectRateLimited(await ping(api, nextIp(), { 'x-probe-user': '7' }));

    expect((await ping(api, ip, { 'x-probe-user': '8' })).statusCode).toBe(200);
    expect((await ping(api, ip)).statusCode).toBe(200);
  });

  it('never limits health and metrics', async () => {
    const ip = nextIp();
    for (const url of ['/health', '/health/ready', '/metrics']) {
      for (let i = 0; i < 12; i += 1) {
        const response = await api.inject({ method: 'GET', url, remoteAddress: ip });
        expect(response.statusCode).toBe(200);
        expect(response.headers['x-ratelimit-limit']).toBeUndefined();
      }
    }
  });
});

describe('rate limits behind a load balancer (TRUST_PROXY lists the balancers)', () => {
  const BALANCER = '10.9.0.1';
  let harness: TestHarness;
  let api: NestFastifyApplication;

  beforeAll(async () => {
    harness = await TestHarness.start({ THROTTLE_DEFAULT_LIMIT: '3', TRUST_PROXY: '10.9.0.0/16' });
    api = await harness.startApi(RateLimitProbeModule);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('counts the address the balancer saw, whatever a client writes in front of it', async () => {
    // nginx's $proxy_add_x_forwarded_for appends the peer to whatever the client sent.
    const viaBalancer = (spoofed: string, client: string) =>
      ping(api, BALANCER, { 'x-forwarded-for': `${spoofed}, ${client}` });
    for (let i = 1; i <= 3; i += 1) expect((await viaBalancer(`6.6.6.${i}`, '203.0.113.7')).statusCode).toBe(200);

    expectRateLimited(await viaBalancer('6.6.6.99', '203.0.113.7'));
    expect((await viaBalancer('6.6.6.99', '203.0.113.8')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from an address that is not a balancer', async () => {
    const direct = '198.51.100.4';
    for (let i = 1; i <= 3; i += 1) {
      expect((await ping(api, direct, { 'x-forwarded-for': `203.0.113.${50 + i}` })).statusCode).toBe(200);
    }
    expectRateLimited(await ping(api, direct, { 'x-forwarded-for': '203.0.113.99' }));
  });
});

describe('rate limits while Redis is unreachable', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;

  beforeAll(async () => {
    harness = await TestHarness.start({
      REDIS_URL: 'redis://127.0.0.1:1',
      THROTTLE_AUTH_LIMIT: '2',
      THROTTLE_DEFAULT_LIMIT: '5',
    });
    api = await harness.startApi(RateLimitProbeModule);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('still answers, counting in the instance, and never with a 500', async () => {
    const ip = nextIp();
    for (let i = 0; i < 5; i += 1) expect((await ping(api, ip)).statusCode).toBe(200);
    expectRateLimited(await ping(api, ip));

    expect((await login(api, 'offline@example.com', nextIp())).statusCode).toBe(200);
    expect((await login(api, 'offline@example.com', nextIp())).statusCode).toBe(200);
    expectRateLimited(await login(api, 'offline@example.com', nextIp()));
    expect((await api.inject({ method: 'GET', url: '/health', remoteAddress: ip })).statusCode).toBe(200);
  });
});
