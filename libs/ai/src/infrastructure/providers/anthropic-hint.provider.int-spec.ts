import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { dnsHintGeneration, failureOf } from '../../../../../test/support/ai-adapter-fixtures.js';
import { startFakeAiProviders, type FakeAiProviders } from '../../../../../test/support/fake-ai-providers.js';
import { ProviderFailure, type HintGeneration } from '../../application/hint-provider.js';
import { AnthropicHintProvider } from './anthropic-hint.provider.js';

const KEY = 'sk-ant-test-0123456789';
const GENERATION: HintGeneration = dnsHintGeneration(2, 'You give level 2 hints. Never give the answer.');

describe('AnthropicHintProvider against a local server speaking the Messages API', () => {
  let fake: FakeAiProviders;
  let provider: AnthropicHintProvider;

  beforeAll(async () => {
    fake = await startFakeAiProviders();
    provider = new AnthropicHintProvider({
      apiKey: KEY,
      baseUrl: fake.baseUrls.anthropic,
      model: 'claude-3-7-sonnet-latest',
      timeoutMs: 5_000,
      maxOutputTokens: 400,
    });
  });

  afterAll(() => fake.close());

  beforeEach(() => fake.reset());

  it('POSTs /v1/messages with the key, the system prompt in `system`, one user message and max_tokens', async () => {
    await provider.generate(GENERATION);

    const [request] = fake.requests('anthropic');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/messages');
    // SDK 1.x sends the API key as a bearer token (x-api-key before it).
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['anthropic-version']).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    expect(request.body).toEqual({
      model: 'claude-3-7-sonnet-latest',
      system: 'You give level 2 hints. Never give the answer.',
      max_tokens: 400,
      messages: [{ role: 'user', content: '<lesson>DNS maps names.</lesson>' }],
    });
    expect(fake.requests('anthropic')).toHaveLength(1);
  });

  it('answers with the trimmed text, the model that answered and input/output tokens', async () => {
    fake.script('anthropic', {
      reply: '\nWhich server would you ask before the root?  ',
      model: 'claude-3-7-sonnet-20250219',
      usage: { input: 61, output: 11 },
    });

    await expect(provider.generate(GENERATION)).resolves.toEqual({
      text: 'Which server would you ask before the root?',
      model: 'claude-3-7-sonnet-20250219',
      tokensIn: 61,
      tokensOut: 11,
    });
  });

  it("fails as truncated when stop_reason is 'max_tokens', even with text", async () => {
    fake.script('anthropic', { reply: 'Consider the order in which', finish: 'length' });

    const error = await failureOf(provider.generate(GENERATION));

    expect(error).toBeInstanceOf(ProviderFailure);
    expect(error).toMatchObject({ provider: 'anthropic', kind: 'truncated' });
  });

  it("fails as malformed when the model refused (stop_reason 'refusal')", async () => {
    fake.script('anthropic', { reply: 'I cannot', finish: 'blocked' });

    expect(await failureOf(provider.generate(GENERATION))).toMatchObject({ provider: 'anthropic', kind: 'malformed' });
  });

  it('fails as malformed when the answer has no text block', async () => {
    fake.script('anthropic', { reply: '' });

    expect(await failureOf(provider.generate(GENERATION))).toMatchObject({ provider: 'anthropic', kind: 'malformed' });
  });
});
