import OpenAI, { APIConnectionTimeoutError } from 'openai';
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

const OPENAI_API = 'https://api.openai.com/v1';

/**
 * OpenAI chat completions through the official SDK: `POST {baseUrl}/chat/completions`, the
 * system prompt as the system message, one user message, buffered (not streamed).
 * `baseUrl` includes the version (`https://api.openai.com/v1`), as OpenAI-compatible endpoints do.
 */
export class OpenAiHintProvider extends HintProvider {
  readonly name = 'openai' as const;
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly settings: ModelProviderSettings) {
    super();
    this.model = settings.model;
    // Explicit base URL: unset, the SDK would read OPENAI_BASE_URL from the process itself.
    // No retries: the routing policy's fallback order is the retry.
    this.client = new OpenAI({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl ?? OPENAI_API,
      timeout: settings.timeoutMs,
      maxRetries: 0,
    });
  }

  async generate({ prompt }: HintGeneration): Promise<ProviderReply> {
    const completion: unknown = await callWithin(
      this.name,
      this.settings,
      (signal) =>
        this.client.chat.completions.create(
          {
            model: this.model,
            messages: [
              { role: 'system', content: prompt.system },
              { role: 'user', content: prompt.user },
            ],
            max_completion_tokens: this.settings.maxOutputTokens,
            temperature: HINT_TEMPERATURE,
          },
          { signal },
        ),
      (error) => error instanceof APIConnectionTimeoutError,
    );
    return this.reply(completion);
  }

  private reply(completion: unknown): ProviderReply {
    const body = asRecord(completion);
    const choice = firstOf(body?.choices);
    const message = asRecord(choice?.message);
    if (!body || !choice || !message) throw malformed(this.name, 'the answer is not a chat completion');
    if (choice.finish_reason === 'length') throw truncated(this.name, this.settings.maxOutputTokens);
    if (choice.finish_reason === 'content_filter') throw malformed(this.name, 'the content filter stopped the answer');
    const text = typeof message.content === 'string' ? message.content.trim() : '';
    if (!text) throw malformed(this.name, `no text in the answer (finish_reason ${String(choice.finish_reason)})`);
    const usage = asRecord(body.usage);
    return {
      text,
      model: answeringModel(body.model, this.model),
      tokensIn: tokenCount(usage?.prompt_tokens),
      tokensOut: tokenCount(usage?.completion_tokens),
    };
  }
}
