import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { newLearner, signUp } from './support/auth-client.js';
import { TestHarness } from './support/test-harness.js';

// Debian's chromium (.ci/run installs it when absent); Playwright's own browser builds cannot be
// downloaded on our machines.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One operation's block in Swagger UI, found by method and path, expanded. */
async function openOperation(page: Page, method: string, path: string): Promise<Locator> {
  const block = page.locator(`.opblock-${method}`).filter({
    has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
  });
  await block.locator('.opblock-summary').first().click();
  return block;
}

/**
 * Clicks "Execute" and waits until the page shows the answer the API gave: the live response's
 * status and body as Swagger UI renders them.
 */
async function execute(block: Locator, path: string): Promise<{ status: string; body: string }> {
  const page = block.page();
  const [answer] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === path),
    block.locator('button.execute').click(),
  ]);
  const response = block.locator('.live-responses-table .response').first();
  const status = response.locator('.response-col_status').filter({ hasText: String(answer.status()) });
  await status.waitFor();
  const body = await response.locator('.response-col_description pre').first().textContent();
  // The cell may add "Undocumented" after a status the document does not list.
  return { status: (await status.textContent())!.trim().slice(0, 3), body: body ?? '' };
}

/** "Try it out", optionally with a JSON body, then "Execute". */
async function tryItOut(block: Locator, path: string, body?: unknown): Promise<{ status: string; body: string }> {
  await block.locator('button.try-out__btn').click();
  if (body !== undefined) await block.locator('textarea.body-param__text').fill(JSON.stringify(body));
  return execute(block, path);
}

describe('Swagger UI in a real browser', () => {
  let harness: TestHarness;
  let api: NestFastifyApplication;
  let browser: BrowserContext;
  let profile: string;
  let baseUrl: string;

  beforeAll(async () => {
    harness = await TestHarness.start();
    api = await harness.startApi();
    await api.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'techtrek-chromium-'));
    // A persistent context is how Playwright takes a fresh --user-data-dir of our choosing.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('an admin logs in, authorizes with the bearer token and runs an admin call', async () => {
    const credentials = newLearner();
    const account = await signUp(api, credentials);
    const db = await harness.database();
    await db.query(`UPDATE users SET role = 'admin' WHERE user_id = $1`, [account.user.id]);

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // Script errors and blocked resources (CSP); an HTTP error status the test asked for is no problem.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(message.text());
      }
    });
    await page.goto(`${baseUrl}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();

    const stats = await openOperation(page, 'get', '/admin/ai/stats');
    const anonymous = await tryItOut(stats, '/admin/ai/stats');
    expect(anonymous.status).toBe('401');

    const login = await tryItOut(await openOperation(page, 'post', '/auth/login'), '/auth/login', {
      email: credentials.email,
      password: credentials.password,
    });
    expect(login.status).toBe('200');
    const { accessToken } = JSON.parse(login.body) as { accessToken: string };

    await page.locator('.scheme-container button.authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input[type="text"]').fill(accessToken);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();

    const authorized = await execute(stats, '/admin/ai/stats');
    expect(authorized.status).toBe('200');
    expect(JSON.parse(authorized.body)).toMatchObject({ requests: 0, providers: [], topics: [] });
    expect(await stats.locator('.curl-command').textContent()).toContain(`Authorization: Bearer ${accessToken}`);
    expect(problems).toEqual([]);
  }, 60_000);
});
