import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { dnsHintGeneration } from '../../../../../test/support/ai-adapter-fixtures.js';
import {
  startFakeAiProviders,
  type FakeAiBehaviour,
  type FakeAiProviders,
} from '../../../../../test/support/fake-ai-providers.js';
import { HintProvider, ProviderFailure, type HintGeneration } from '../../application/hint-provider.js';
import type { ModelProviderName } from '../../domain/provider-name.js';
import { AnthropicHintProvider } from './anthropic-hint.provider.js';
import { GeminiHintProvider } from './gemini-hint.provider.js';
import { OpenAiHintProvider } from './openai-hint.provider.js';
import type { ModelProviderSettings } from './provider-failures.js';

const KEY = 'test-key-b7c1d9e4f2a8';
const TIMEOUT_MS = 300;
const GENERATION: HintGeneration = dnsHintGeneration(1);

interface AdapterCase {
  name: ModelProviderName;
  create: (settings: ModelProviderSettings) => HintProvider;
  baseUrl: (fake: FakeAiProviders) => string;
  model: string;
  /** The provider's "overloaded" status. */
  overloaded: number;
}

const ADAPTERS: AdapterCase[] = [
  {
    name: 'openai',
    create: (settings) => new OpenAiHintProvider(settings),
    baseUrl: (fake) => fake.baseUrls.openai,
    model: 'gpt-4o',
    overloaded: 503,
  },
  {
    name: 'anthropic',
    create: (settings) => new AnthropicHintProvider(settings),
    baseUrl: (fake) => fake.baseUrls.anthropic,
    model: 'claude-3-7-sonnet-latest',
    overloaded: 529,
  },
  {
    name: 'gemini',
    create: (settings) => new GeminiHintProvider(settings),
    baseUrl: (fake) => fake.baseUrls.gemini,
    model: 'gemini-2.5-pro',
    overloaded: 503,
  },
];

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe.each(ADAPTERS)(
  '$name adapter: every provider-side failure is a ProviderFailure of the right kind',
  (adapter) => {
    let fake: FakeAiProviders;
    let provider: HintProvider;

    beforeAll(async () => {
      fake = await startFakeAiProviders();
      provider = adapter.create({
        apiKey: KEY,
        baseUrl: adapter.baseUrl(fake),
        model: adapter.model,
        timeoutMs: TIMEOUT_MS,
        maxOutputTokens: 400,
      });
    });

    afterAll(() => fake.close());

    beforeEach(() => fake.reset());

    async function failureFor(behaviour: FakeAiBehaviour): Promise<ProviderFailure> {
      fake.script(adapter.name, behaviour);
      const outcome = await provider.generate(GENERATION).then(
        () => new Error('generate resolved'),
        (error: unknown) => error,
      );
      expect(outcome).toBeInstanceOf(ProviderFailure);
      return outcome as ProviderFailure;
    }

    it.each<[string, string, FakeAiBehaviour]>([
      ['429', 'rate_limited', { status: 429 }],
      ['500', 'unavailable', { status: 500 }],
      ['400', 'rejected', { status: 400 }],
      ['404 (no such model)', 'rejected', { status: 404 }],
      ['408', 'timeout', { status: 408 }],
    ])('%s → %s, asked once (the SDK does not retry)', async (_label, kind, behaviour) => {
      const failure = await failureFor(behaviour);

      expect(failure).toMatchObject({ provider: adapter.name, kind });
      expect(fake.requests(adapter.name)).toHaveLength(1);
    });

    it("the provider's overloaded status → unavailable", async () => {
      expect(await failureFor({ status: adapter.overloaded })).toMatchObject({ kind: 'unavailable' });
    });

    it('no answer within timeoutMs → timeout, given up at the deadline', async () => {
      const started = Date.now();

      const failure = await failureFor({ reply: 'Too late.', delayMs: 2_000 });

      expect(failure).toMatchObject({ provider: adapter.name, kind: 'timeout' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('headers in time but the body stalled past timeoutMs → timeout (the deadline covers reading the body)', async () => {
      const started = Date.now();

      const failure = await failureFor({ reply: 'Too late.', bodyDelayMs: 2_000 });

      expect(failure).toMatchObject({ provider: adapter.name, kind: 'timeout' });
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it.each(['html', 'cut-json', 'other-json'] as const)('a 200 that is %s → malformed', async (malformed) => {
      expect(await failureFor({ malformed })).toMatchObject({ provider: adapter.name, kind: 'malformed' });
    });

    it('a refused connection → unavailable', async () => {
      const unreachable = adapter.create({
        apiKey: KEY,
        baseUrl: adapter.name === 'openai' ? `${await closedPortUrl()}/v1` : await closedPortUrl(),
        model: adapter.model,
        timeoutMs: TIMEOUT_MS,
        maxOutputTokens: 400,
      });

      const outcome = await unreachable.generate(GENERATION).catch((error: unknown) => error);

      expect(outcome).toBeInstanceOf(ProviderFailure);
      expect(outcome).toMatchObject({ provider: adapter.name, kind: 'unavailable' });
    });

    it('a refused key → rejected, and the key never appears in the failure even when the provider echoes it', async () => {
      const failure = await failureFor({ status: 401, message: `Incorrect API key provided: ${KEY}.` });

      expect(failure).toMatchObject({ provider: adapter.name, kind: 'rejected' });
      expect(failure.message).toContain('Incorrect API key provided: [api key].');
      expect(failure.message).not.toContain(KEY);
    });
  },
);
