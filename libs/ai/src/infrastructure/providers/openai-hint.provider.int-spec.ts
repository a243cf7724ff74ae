import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { dnsHintGeneration, failureOf } from '../../../../../test/support/ai-adapter-fixtures.js';
import { startFakeAiProviders, type FakeAiProviders } from '../../../../../test/support/fake-ai-providers.js';
import { ProviderFailure, type HintGeneration } from '../../application/hint-provider.js';
import { OpenAiHintProvider } from './openai-hint.provider.js';

const KEY = 'sk-test-openai-0123456789';
const GENERATION: HintGeneration = dnsHintGeneration(1, 'You give level 1 hints. Never give the answer.');

describe('OpenAiHintProvider against a local server speaking chat completions', () => {
  let fake: FakeAiProviders;
  let provider: OpenAiHintProvider;

  beforeAll(async () => {
    fake = await startFakeAiProviders();
    provider = new OpenAiHintProvider({
      apiKey: KEY,
      baseUrl: fake.baseUrls.openai,
      model: 'gpt-4o',
      timeoutMs: 5_000,
      maxOutputTokens: 400,
    });
  });

  afterAll(() => fake.close());

  beforeEach(() => fake.reset());

  it('POSTs /v1/chat/completions with the bearer key, the system prompt as the system message and the token limit', async () => {
    await provider.generate(GENERATION);

    const [request] = fake.requests('openai');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toEqual({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You give level 1 hints. Never give the answer.' },
        { role: 'user', content: '<lesson>DNS maps names.</lesson>' },
      ],
      max_completion_tokens: 400,
      temperature: 0.3,
    });
    expect(fake.requests('openai')).toHaveLength(1);
  });

  it('answers with the trimmed text, the model that answered and the usage block', async () => {
    fake.script('openai', {
      reply: '  What does a resolver ask first?\n',
      model: 'gpt-4o-2024-08-06',
      usage: { input: 52, output: 9 },
    });

    await expect(provider.generate(GENERATION)).resolves.toEqual({
      text: 'What does a resolver ask first?',
      model: 'gpt-4o-2024-08-06',
      tokensIn: 52,
      tokensOut: 9,
    });
  });

  it("answers from the fake's default behaviour once its script is spent (the benchmark's fixed latency)", async () => {
    fake.setDefault('openai', { reply: 'A fixed reply.', delayMs: 60 });
    fake.script('openai', { reply: 'Scripted first.' });

    const first = await provider.generate(GENERATION);
    const started = Date.now();
    const second = await provider.generate(GENERATION);

    expect([first.text, second.text]).toEqual(['Scripted first.', 'A fixed reply.']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('names the configured model when the answer names none', async () => {
    fake.script('openai', { reply: 'Think of a phone book.', model: '', usage: { input: 3, output: 4 } });

    await expect(provider.generate(GENERATION)).resolves.toMatchObject({ model: 'gpt-4o' });
  });

  it("fails as truncated when finish_reason is 'length', even with text", async () => {
    fake.script('openai', { reply: 'Think about the first step of the', finish: 'length' });

    const error = await failureOf(provider.generate(GENERATION));

    expect(error).toBeInstanceOf(ProviderFailure);
    expect(error).toMatchObject({ provider: 'openai', kind: 'truncated' });
  });

  it("fails as malformed when the content filter stopped the answer (finish_reason 'content_filter')", async () => {
    fake.script('openai', { reply: 'Partial text', finish: 'blocked' });

    expect(await failureOf(provider.generate(GENERATION))).toMatchObject({ provider: 'openai', kind: 'malformed' });
  });

  it('fails as malformed when the answer has no text', async () => {
    fake.script('openai', { reply: '   ' });

    expect(await failureOf(provider.generate(GENERATION))).toMatchObject({ provider: 'openai', kind: 'malformed' });
  });
});
