import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { validateEnvironment } from '@techtrek/platform';
import { dnsHintGeneration } from '../../../../../test/support/ai-adapter-fixtures.js';
import { startFakeAiProviders, type FakeAiProviders } from '../../../../../test/support/fake-ai-providers.js';
import { HintProviders, ProviderFailure, type HintGeneration } from '../../application/hint-provider.js';
import { hintProvidersProvider } from './configured-hint-providers.js';
import { GroundedHintProvider } from './grounded-hint.provider.js';

const GENERATION: HintGeneration = dnsHintGeneration(1);

/** The providers as the worker builds them: validated settings, served as the platform serves them. */
async function build(raw: Record<string, string>) {
  const environment = validateEnvironment(raw);
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot({ ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...environment })] })],
    providers: [GroundedHintProvider, hintProvidersProvider],
  }).compile();
  return { providers: module.get(HintProviders), grounded: module.get(GroundedHintProvider) };
}

describe('hintProvidersProvider: the model providers that have a key, and the grounded provider', () => {
  let fake: FakeAiProviders;
  let logged: string[];

  beforeAll(async () => {
    fake = await startFakeAiProviders();
  });

  afterAll(() => fake.close());

  beforeEach(() => {
    fake.reset();
    logged = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void logged.push(String(message)));
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const providerLines = () => logged.filter((line) => /hint providers|model provider key/i.test(line));

  it('without any key: no model provider is available, the grounded provider is there, and it says so once', async () => {
    const { providers, grounded } = await build({});

    expect(providers.available()).toEqual([]);
    expect(providers.grounded()).toBe(grounded);
    expect(providerLines()).toEqual([
      'No model provider key (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY): every hint is grounded',
    ]);
  });

  it('with every key: the three providers with their default models', async () => {
    const { providers } = await build({ OPENAI_API_KEY: 'sk-o', ANTHROPIC_API_KEY: 'sk-a', GEMINI_API_KEY: 'AIza-g' });

    expect(providers.available().map(({ name, model }) => ({ name, model }))).toEqual([
      { name: 'openai', model: 'gpt-4o' },
      { name: 'anthropic', model: 'claude-3-7-sonnet-latest' },
      { name: 'gemini', model: 'gemini-2.5-pro' },
    ]);
    expect(providerLines()).toEqual([
      'Hint providers: openai (gpt-4o), anthropic (claude-3-7-sonnet-latest), gemini (gemini-2.5-pro); grounded as the last fallback',
    ]);
  });

  describe('with the OpenAI and Gemini keys only', () => {
    const settings = () => ({
      OPENAI_API_KEY: 'sk-configured-openai',
      OPENAI_BASE_URL: fake.baseUrls.openai,
      OPENAI_MODEL: 'gpt-4o-mini',
      ANTHROPIC_BASE_URL: fake.baseUrls.anthropic,
      GEMINI_API_KEY: 'AIza-configured-gemini',
      GEMINI_BASE_URL: fake.baseUrls.gemini,
      GEMINI_MODEL: 'gemini-2.5-flash',
      AI_MAX_OUTPUT_TOKENS: '123',
      GEMINI_THINKING_BUDGET: '200',
      AI_TIMEOUT_MS: '300',
    });

    it('only those two are available (a provider without a key is not)', async () => {
      const { providers } = await build(settings());

      expect(providers.available().map(({ name, model }) => ({ name, model }))).toEqual([
        { name: 'openai', model: 'gpt-4o-mini' },
        { name: 'gemini', model: 'gemini-2.5-flash' },
      ]);
    });

    it('each calls its configured base URL with its key, model and the output token limit', async () => {
      const { providers } = await build(settings());
      const [openai, gemini] = providers.available();

      await openai.generate(GENERATION);
      await gemini.generate(GENERATION);

      const [openaiRequest] = fake.requests('openai');
      expect(openaiRequest.headers.authorization).toBe('Bearer sk-configured-openai');
      expect(openaiRequest.body).toMatchObject({ model: 'gpt-4o-mini', max_completion_tokens: 123 });
      const [geminiRequest] = fake.requests('gemini');
      expect(geminiRequest.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
      expect(geminiRequest.headers['x-goog-api-key']).toBe('AIza-configured-gemini');
      expect(geminiRequest.body).toMatchObject({
        generationConfig: { maxOutputTokens: 323, thinkingConfig: { thinkingBudget: 200 } },
      });
      expect(fake.requests('anthropic')).toEqual([]);
    });

    it('each gives up after AI_TIMEOUT_MS', async () => {
      const { providers } = await build(settings());
      fake.script('openai', { reply: 'Too late.', delayMs: 1_500 });
      fake.script('gemini', { reply: 'Too late.', delayMs: 1_500 });

      for (const provider of providers.available()) {
        const started = Date.now();
        const failure = await provider.generate(GENERATION).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ProviderFailure);
        expect(failure).toMatchObject({ provider: provider.name, kind: 'timeout' });
        expect(Date.now() - started).toBeLessThan(1_000);
      }
    });
  });
});
