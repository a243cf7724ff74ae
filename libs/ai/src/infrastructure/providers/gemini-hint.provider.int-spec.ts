import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { dnsHintGeneration, failureOf } from '../../../../../test/support/ai-adapter-fixtures.js';
import { startFakeAiProviders, type FakeAiProviders } from '../../../../../test/support/fake-ai-providers.js';
import { ProviderFailure, type HintGeneration } from '../../application/hint-provider.js';
import { GeminiHintProvider } from './gemini-hint.provider.js';

const KEY = 'AIzaSy-test-0123456789';
const GENERATION: HintGeneration = dnsHintGeneration(3, 'You give level 3 hints. Never give the answer.');

describe('GeminiHintProvider against a local server speaking generateContent', () => {
  let fake: FakeAiProviders;
  let provider: GeminiHintProvider;

  beforeAll(async () => {
    fake = await startFakeAiProviders();
    provider = new GeminiHintProvider({
      apiKey: KEY,
      // A trailing slash, as an operator may well write it.
      baseUrl: `${fake.baseUrls.gemini}/`,
      model: 'gemini-2.5-pro',
      timeoutMs: 5_000,
      maxOutputTokens: 400,
    });
  });

  afterAll(() => fake.close());

  beforeEach(() => fake.reset());

  it('POSTs /v1beta/models/<model>:generateContent with x-goog-api-key, the system instruction and the token limit', async () => {
    await provider.generate(GENERATION);

    const [request] = fake.requests('gemini');
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(request.headers['x-goog-api-key']).toBe(KEY);
    expect(request.body).toEqual({
      generationConfig: { maxOutputTokens: 400, temperature: 0.3 },
      safetySettings: [],
      systemInstruction: { role: 'system', parts: [{ text: 'You give level 3 hints. Never give the answer.' }] },
      contents: [{ role: 'user', parts: [{ text: '<lesson>DNS maps names.</lesson>' }] }],
    });
    expect(fake.requests('gemini')).toHaveLength(1);
  });

  it('grants a thinking budget on top of the output limit when one is set (Gemini 2.5 thinks out of it)', async () => {
    const thinking = new GeminiHintProvider({
      apiKey: KEY,
      baseUrl: fake.baseUrls.gemini,
      model: 'gemini-2.5-pro',
      timeoutMs: 5_000,
      maxOutputTokens: 400,
      thinkingBudget: 128,
    });
    await thinking.generate(GENERATION);
    expect(fake.requests('gemini')[0]!.body).toMatchObject({
      generationConfig: { maxOutputTokens: 528, temperature: 0.3, thinkingConfig: { thinkingBudget: 128 } },
    });
  });

  it('answers with the trimmed text, the model version and the tokens, thinking counted as output', async () => {
    fake.script('gemini', {
      reply: ' What would a resolver cache? ',
      model: 'gemini-2.5-pro-preview-06-05',
      usage: { input: 48, output: 8, thoughts: 120 },
    });

    await expect(provider.generate(GENERATION)).resolves.toEqual({
      text: 'What would a resolver cache?',
      model: 'gemini-2.5-pro-preview-06-05',
      tokensIn: 48,
      tokensOut: 128,
    });
  });

  it("fails as truncated on finishReason 'MAX_TOKENS', with part of a text or none (spent thinking)", async () => {
    fake.script('gemini', { reply: 'Think about the', finish: 'length' }, { reply: '', finish: 'length' });

    const first = await failureOf(provider.generate(GENERATION));
    const second = await failureOf(provider.generate(GENERATION));

    expect(first).toBeInstanceOf(ProviderFailure);
    expect(first).toMatchObject({ provider: 'gemini', kind: 'truncated' });
    expect(second).toMatchObject({ provider: 'gemini', kind: 'truncated' });
  });

  it('fails as malformed when the prompt was blocked (promptFeedback.blockReason, no candidate)', async () => {
    fake.script('gemini', { reply: '', finish: 'blocked' });

    expect(await failureOf(provider.generate(GENERATION))).toMatchObject({ provider: 'gemini', kind: 'malformed' });
  });

  it.each(['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT'])(
    'fails as malformed when the candidate stopped for %s, even with text',
    async (finish) => {
      fake.script('gemini', { reply: 'A partial hint', finish });

      expect(await failureOf(provider.generate(GENERATION))).toMatchObject({ provider: 'gemini', kind: 'malformed' });
    },
  );

  it('fails as malformed when the candidate has no text', async () => {
    fake.script('gemini', { reply: '' });

    expect(await failureOf(provider.generate(GENERATION))).toMatchObject({ provider: 'gemini', kind: 'malformed' });
  });
});
