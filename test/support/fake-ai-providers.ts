import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeAiProvider = 'openai' | 'anthropic' | 'gemini';

/** A finished answer. */
export interface FakeReply {
  reply: string;
  /**
   * 'stop' (default); 'length': cut at the token limit; 'blocked': the provider's safety stop
   * (OpenAI `content_filter`, Anthropic `refusal`, Gemini a prompt blocked for SAFETY, no candidate).
   * Any other string is sent as the provider's own finish reason (e.g. Gemini 'RECITATION').
   */
  finish?: 'stop' | 'length' | 'blocked' | (string & {});
  /** The model the answer names; default: the one requested. */
  model?: string;
  /** Default: about 4 characters a token of the request body and of the reply. `thoughts`: Gemini only. */
  usage?: { input: number; output: number; thoughts?: number };
}

/** An HTTP error in the provider's error format (OpenAI's, Anthropic's or Google's JSON). */
export interface FakeError {
  status: number;
  message?: string;
}

/** A 200 that is not the provider's format: an HTML page, JSON cut short, or JSON of another shape (`true`). */
export interface FakeMalformed {
  malformed: true | 'html' | 'cut-json' | 'other-json';
}

export type FakeAiBehaviour = (FakeReply | FakeError | FakeMalformed) & {
  /** Wait this long before answering at all. */
  delayMs?: number;
  /** Send the status and headers at once and the body this much later (a stalled body). */
  bodyDelayMs?: number;
};

/** One request as the fake received it. */
export interface FakeAiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined if it was not JSON). */
  body: unknown;
}

export interface FakeAiProviders {
  /** The server's root, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * What to set as each provider's base URL (OPENAI_BASE_URL, ANTHROPIC_BASE_URL, GEMINI_BASE_URL):
   * `<url>/v1` for OpenAI (its SDK appends `/chat/completions`), `<url>` for Anthropic (its SDK
   * appends `/v1/messages`) and Gemini (its SDK appends `/v1beta/models/<model>:generateContent`).
   */
  readonly baseUrls: Readonly<Record<FakeAiProvider, string>>;
  /** Queues behaviours: the provider's next requests are answered with them, one each, in order. */
  script(provider: FakeAiProvider, ...behaviours: FakeAiBehaviour[]): void;
  /** How the provider answers once its script is spent (initially `{ reply: FAKE_DEFAULT_REPLY }`). */
  setDefault(provider: FakeAiProvider, behaviour: FakeAiBehaviour): void;
  /** The provider's requests so far, oldest first. */
  requests(provider: FakeAiProvider): FakeAiRequest[];
  /** Forgets requests and scripts and restores the default behaviours. */
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_DEFAULT_REPLY = 'Look again at how the lesson defines the term, then compare it with each option.';

const PROVIDERS: readonly FakeAiProvider[] = ['openai', 'anthropic', 'gemini'];
const GEMINI_PATH = /^\/(v1|v1alpha|v1beta)\/models\/([^/:]+):generateContent$/;

/**
 * A local server speaking the three providers' wire formats: OpenAI `POST /v1/chat/completions`,
 * Anthropic `POST /v1/messages`, Gemini `POST /<version>/models/<model>:generateContent`. It
 * records every request, refuses one without the provider's auth header (401/403, as they do),
 * and answers from a per-provider script of behaviours, then from a default behaviour (which the
 * benchmark sets to a fixed reply after a fixed latency).
 */
export async function startFakeAiProviders(): Promise<FakeAiProviders> {
  const scripts = new Map<FakeAiProvider, FakeAiBehaviour[]>(PROVIDERS.map((provider) => [provider, []]));
  const defaults = new Map<FakeAiProvider, FakeAiBehaviour>();
  const received = new Map<FakeAiProvider, FakeAiRequest[]>(PROVIDERS.map((provider) => [provider, []]));
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const text = Buffer.concat(await request.toArray()).toString('utf8');
    const path = request.url ?? '';
    const provider = providerOf(path);
    if (request.method !== 'POST' || !provider) {
      return send(response, 404, JSON_TYPE, { error: { message: `no route ${request.method} ${path}` } });
    }
    const body = parseJson(text);
    received.get(provider)!.push({ method: request.method, path, headers: request.headers, body });
    if (!authenticated(provider, request.headers)) {
      const status = provider === 'gemini' ? 403 : 401;
      return send(response, status, JSON_TYPE, errorBody(provider, status, undefined));
    }
    const behaviour = scripts.get(provider)!.shift() ?? defaults.get(provider)!;
    const requested = GEMINI_PATH.exec(path)?.[2] ?? String(asObject(body).model ?? '');
    const answer = (): void => {
      const [status, headers, payload] = answerFor(provider, behaviour, requested, text);
      if (!behaviour.bodyDelayMs) return send(response, status, headers, payload);
      if (response.destroyed) return;
      response.writeHead(status, headers).flushHeaders();
      later(behaviour.bodyDelayMs, () => {
        if (!response.destroyed) response.end(encode(payload));
      });
    };
    if (behaviour.delayMs) later(behaviour.delayMs, answer);
    else answer();
  };

  const server = createServer((request, response) => void handle(request, response));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const reset = (): void => {
    for (const provider of PROVIDERS) {
      scripts.set(provider, []);
      received.set(provider, []);
      defaults.set(provider, { reply: FAKE_DEFAULT_REPLY });
    }
  };
  reset();

  return {
    url,
    baseUrls: { openai: `${url}/v1`, anthropic: url, gemini: url },
    script: (provider, ...behaviours) => void scripts.get(provider)!.push(...behaviours),
    setDefault: (provider, behaviour) => void defaults.set(provider, behaviour),
    requests: (provider) => [...received.get(provider)!],
    reset,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function providerOf(path: string): FakeAiProvider | undefined {
  if (path === '/v1/chat/completions') return 'openai';
  if (path === '/v1/messages') return 'anthropic';
  return GEMINI_PATH.test(path) ? 'gemini' : undefined;
}

type Answer = [status: number, headers: Record<string, string>, payload: unknown];

const JSON_TYPE = { 'content-type': 'application/json' };

function answerFor(provider: FakeAiProvider, behaviour: FakeAiBehaviour, requested: string, request: string): Answer {
  if ('status' in behaviour) {
    const retry: Record<string, string> =
      behaviour.status === 429 && provider !== 'gemini' ? { 'retry-after': '1' } : {};
    return [
      behaviour.status,
      { ...headersFor(provider), ...retry },
      errorBody(provider, behaviour.status, behaviour.message),
    ];
  }
  if ('malformed' in behaviour) return malformedAnswer(provider, behaviour.malformed, requested);
  const usage = behaviour.usage ?? {
    input: Math.ceil(request.length / 4),
    output: Math.ceil(behaviour.reply.length / 4),
  };
  const finish = behaviour.finish ?? 'stop';
  return [200, headersFor(provider), REPLIES[provider](behaviour.reply, finish, behaviour.model ?? requested, usage)];
}

function malformedAnswer(provider: FakeAiProvider, kind: FakeMalformed['malformed'], requested: string): Answer {
  if (kind === 'html') {
    const page = '<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Proxy login</h1></body></html>';
    return [200, { 'content-type': 'text/html; charset=utf-8' }, page];
  }
  if (kind === 'cut-json') {
    const whole = JSON.stringify(REPLIES[provider](FAKE_DEFAULT_REPLY, 'stop', requested, { input: 1, output: 1 }));
    return [200, headersFor(provider), whole.slice(0, Math.floor(whole.length / 2))];
  }
  return [200, headersFor(provider), { result: 'ok', items: [] }];
}

type Usage = NonNullable<FakeReply['usage']>;

const REPLIES: Record<FakeAiProvider, (reply: string, finish: string, model: string, usage: Usage) => unknown> = {
  openai: (reply, finish, model, usage) => ({
    id: `chatcmpl-${token(29)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: { stop: 'stop', length: 'length', blocked: 'content_filter' }[finish] ?? finish,
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: `fp_${randomBytes(5).toString('hex')}`,
  }),
  anthropic: (reply, finish, model, usage) => ({
    id: `msg_${token(24)}`,
    type: 'message',
    role: 'assistant',
    model,
    content: reply ? [{ type: 'text', text: reply }] : [],
    stop_reason: { stop: 'end_turn', length: 'max_tokens', blocked: 'refusal' }[finish] ?? finish,
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: usage.output,
      service_tier: 'standard',
    },
  }),
  gemini: (reply, finish, model, usage) => {
    const usageMetadata = {
      promptTokenCount: usage.input,
      candidatesTokenCount: usage.output,
      totalTokenCount: usage.input + usage.output + (usage.thoughts ?? 0),
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.input }],
      ...(usage.thoughts ? { thoughtsTokenCount: usage.thoughts } : {}),
    };
    const common = { usageMetadata, modelVersion: model, responseId: token(22) };
    if (finish === 'blocked') {
      const safetyRatings = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' }];
      return { promptFeedback: { blockReason: 'SAFETY', safetyRatings }, ...common };
    }
    // With nothing written (all the budget spent thinking), Gemini sends a content without parts.
    const content = reply ? { parts: [{ text: reply }], role: 'model' } : { role: 'model' };
    const finishReason = { stop: 'STOP', length: 'MAX_TOKENS' }[finish] ?? finish;
    return { candidates: [{ content, finishReason, index: 0 }], ...common };
  },
};

const ERRORS: Record<FakeAiProvider, Record<number, [type: string, message: string]>> = {
  openai: {
    400: ['invalid_request_error', "Invalid 'messages': the request could not be parsed."],
    401: [
      'invalid_request_error',
      'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    ],
    404: ['invalid_request_error', 'The model does not exist or you do not have access to it.'],
    429: [
      'requests',
      'Rate limit reached for requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.',
    ],
    500: ['server_error', 'The server had an error while processing your request. Sorry about that!'],
    503: ['server_error', 'The engine is currently overloaded, please try again later.'],
  },
  anthropic: {
    400: ['invalid_request_error', 'messages: at least one message is required'],
    401: ['authentication_error', 'invalid x-api-key'],
    404: ['not_found_error', 'model: not found'],
    429: [
      'rate_limit_error',
      'This request would exceed the rate limit for your organization of 50 requests per minute.',
    ],
    500: ['api_error', 'Internal server error'],
    529: ['overloaded_error', 'Overloaded'],
  },
  gemini: {
    400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
    403: [
      'PERMISSION_DENIED',
      "Method doesn't allow unregistered callers. Please use API Key or other form of API consumer identity to call this API.",
    ],
    404: ['NOT_FOUND', 'The model is not found for API version v1beta, or is not supported for generateContent.'],
    429: ['RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.'],
    500: [
      'INTERNAL',
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
    ],
    503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  },
};

function errorBody(provider: FakeAiProvider, status: number, message: string | undefined): unknown {
  const fallback: [string, string] = [
    status >= 500 ? 'server_error' : 'invalid_request_error',
    `Fake status ${status}`,
  ];
  const [type, text] = ERRORS[provider][status] ?? fallback;
  const say = message ?? text;
  if (provider === 'openai')
    return { error: { message: say, type, param: null, code: status === 429 ? 'rate_limit_exceeded' : null } };
  if (provider === 'anthropic') return { type: 'error', error: { type, message: say }, request_id: `req_${token(24)}` };
  return {
    error: {
      code: status,
      message: say,
      status: ERRORS.gemini[status]?.[0] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
    },
  };
}

function headersFor(provider: FakeAiProvider): Record<string, string> {
  if (provider === 'openai') return { ...JSON_TYPE, 'x-request-id': `req_${randomBytes(16).toString('hex')}` };
  if (provider === 'anthropic') return { ...JSON_TYPE, 'request-id': `req_${token(24)}` };
  return { 'content-type': 'application/json; charset=UTF-8' };
}

/** OpenAI: a bearer key; Anthropic: `x-api-key` or, as its SDK 1.x sends the key, a bearer; Gemini: `x-goog-api-key`. */
function authenticated(provider: FakeAiProvider, headers: IncomingHttpHeaders): boolean {
  const bearer = /^Bearer \S+$/.test(headers.authorization ?? '');
  if (provider === 'openai') return bearer;
  if (provider === 'anthropic') return bearer || Boolean(headers['x-api-key']);
  return Boolean(headers['x-goog-api-key']);
}

function send(response: ServerResponse, status: number, headers: Record<string, string>, payload: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, headers);
  response.end(encode(payload));
}

const encode = (payload: unknown): string => (typeof payload === 'string' ? payload : JSON.stringify(payload));
const token = (length: number): string => randomBytes(length).toString('base64url').slice(0, length);
const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
