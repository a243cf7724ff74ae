import Anthropic, { APIConnectionTimeoutError } from '@anthropic-ai/sdk';
import { HintProvider, type HintGeneration, type ProviderReply } from '../../application/hint-provider.js';
import {
  answeringModel,
  asRecord,
  callWithin,
  malformed,
  tokenCount,
  truncated,
  type ModelProviderSettings,
} from './provider-failures.js';

const ANTHROPIC_API = 'https://api.anthropic.com';

/** Stop reasons that mean the answer was cut, not finished. */
const CUT_SHORT = new Set(['max_tokens', 'model_context_window_exceeded']);

/**
 * Claude through the official SDK's Messages API: `POST {baseUrl}/v1/messages` with the system
 * prompt in `system` and one user message, buffered (not streamed). No temperature: this SDK
 * version no longer offers it (deprecated by the API), so Claude samples at its default.
 */
export class AnthropicHintProvider extends HintProvider {
  readonly name = 'anthropic' as const;
  readonly model: string;
  private readonly client: Anthropic;

  constructor(private readonly settings: ModelProviderSettings) {
    super();
    this.model = settings.model;
    // Explicit base URL: unset, the SDK would read ANTHROPIC_BASE_URL (or a credentials profile's
    // host) itself. No retries: the routing policy's fallback order is the retry.
    this.client = new Anthropic({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl ?? ANTHROPIC_API,
      timeout: settings.timeoutMs,
      maxRetries: 0,
    });
  }

  async generate({ prompt }: HintGeneration): Promise<ProviderReply> {
    const message: unknown = await callWithin(
      this.name,
      this.settings,
      (signal) =>
        this.client.messages.create(
          {
            model: this.model,
            system: prompt.system,
            max_tokens: this.settings.maxOutputTokens,
            messages: [{ role: 'user', content: prompt.user }],
          },
          { signal },
        ),
      (error) => error instanceof APIConnectionTimeoutError,
    );
    return this.reply(message);
  }

  private reply(message: unknown): ProviderReply {
    const body = asRecord(message);
    if (!body || !Array.isArray(body.content)) throw malformed(this.name, 'the answer is not a message');
    if (CUT_SHORT.has(String(body.stop_reason))) throw truncated(this.name, this.settings.maxOutputTokens);
    // The safety classifier stepped in: what text there is, is not a finished hint.
    if (body.stop_reason === 'refusal') throw malformed(this.name, 'the model refused the request');
    const text = body.content
      .map(asRecord)
      .flatMap((block) => (block?.type === 'text' && typeof block.text === 'string' ? [block.text] : []))
      .join('')
      .trim();
    if (!text) throw malformed(this.name, `no text in the answer (stop_reason ${String(body.stop_reason)})`);
    const usage = asRecord(body.usage);
    return {
      text,
      model: answeringModel(body.model, this.model),
      tokensIn: tokenCount(usage?.input_tokens),
      tokensOut: tokenCount(usage?.output_tokens),
    };
  }
}
