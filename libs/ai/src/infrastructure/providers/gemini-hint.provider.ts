import { GoogleGenerativeAI, type GenerationConfig, type GenerativeModel } from '@google/generative-ai';
import { HintProvider, type HintGeneration, type ProviderReply } from '../../application/hint-provider.js';
import {
  answeringModel,
  asRecord,
  callWithin,
  firstOf,
  HINT_TEMPERATURE,
  malformed,
  tokenCount,
  truncated,
  type ModelProviderSettings,
} from './provider-failures.js';

/**
 * Gemini 2.5 spends thinking tokens out of `maxOutputTokens`; at a hint's small limit it would
 * often stop before writing a word. A budget caps the thinking and is granted on top. The SDK
 * (0.24) passes `generationConfig` through as JSON but does not type `thinkingConfig` yet.
 */
function generationConfig({ maxOutputTokens, thinkingBudget }: ModelProviderSettings): GenerationConfig {
  if (!thinkingBudget) return { maxOutputTokens, temperature: HINT_TEMPERATURE };
  const thinkingConfig = { thinkingBudget };
  return { maxOutputTokens: maxOutputTokens + thinkingBudget, temperature: HINT_TEMPERATURE, ...{ thinkingConfig } };
}

/**
 * Gemini through the official SDK: `POST {baseUrl}/v1beta/models/{model}:generateContent` with
 * the system prompt as `systemInstruction` and the context as one user turn, buffered.
 * `baseUrl` is the host only (`https://generativelanguage.googleapis.com`); the SDK adds the version.
 */
export class GeminiHintProvider extends HintProvider {
  readonly name = 'gemini' as const;
  readonly model: string;
  private readonly client: GenerativeModel;

  constructor(private readonly settings: ModelProviderSettings) {
    super();
    this.model = settings.model;
    // No `timeout` here: the SDK arms a timer for it that it never clears; `callWithin`'s deadline
    // aborts through the request's signal instead. The SDK joins `{baseUrl}/{version}` itself.
    this.client = new GoogleGenerativeAI(settings.apiKey).getGenerativeModel(
      { model: settings.model, generationConfig: generationConfig(settings) },
      { baseUrl: settings.baseUrl?.replace(/\/+$/, '') },
    );
  }

  async generate({ prompt }: HintGeneration): Promise<ProviderReply> {
    const result: unknown = await callWithin(this.name, this.settings, (signal) =>
      this.client.generateContent(
        { contents: [{ role: 'user', parts: [{ text: prompt.user }] }], systemInstruction: prompt.system },
        { signal },
      ),
    );
    // Read the raw answer, not `response.text()`, which throws on blocks and joins thoughts and code in.
    return this.reply(asRecord(result)?.response);
  }

  private reply(response: unknown): ProviderReply {
    const body = asRecord(response);
    if (!body) throw malformed(this.name, 'the answer is not a generateContent response');
    const blockReason = asRecord(body.promptFeedback)?.blockReason;
    if (blockReason) throw malformed(this.name, `the prompt was blocked (${String(blockReason)})`);
    const candidate = firstOf(body.candidates);
    if (!candidate) throw malformed(this.name, 'no candidate in the answer');
    const finish = candidate.finishReason;
    if (finish === 'MAX_TOKENS') throw truncated(this.name, this.settings.maxOutputTokens);
    // SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, OTHER…: a blocked or unfinished answer.
    if (finish && finish !== 'STOP') throw malformed(this.name, `the answer stopped: ${String(finish)}`);
    const parts = asRecord(candidate.content)?.parts;
    const text = (Array.isArray(parts) ? parts : [])
      .map(asRecord)
      .flatMap((part) => (typeof part?.text === 'string' && part.thought !== true ? [part.text] : []))
      .join('')
      .trim();
    if (!text) throw malformed(this.name, 'no text in the answer');
    const usage = asRecord(body.usageMetadata);
    return {
      text,
      model: answeringModel(body.modelVersion, this.model),
      tokensIn: tokenCount(usage?.promptTokenCount),
      // Gemini 2.5 bills its thinking as output, outside `candidatesTokenCount`.
      tokensOut: tokenCount(usage?.candidatesTokenCount) + tokenCount(usage?.thoughtsTokenCount),
    };
  }
}
