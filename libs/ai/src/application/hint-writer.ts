import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@techtrek/platform';
import { Clock } from '@techtrek/platform/kernel';
import { findAnswerLeak } from '../domain/answer-leak-guard.js';
import { CircuitBreakers } from '../domain/circuit-breaker.js';
import type { HintContext } from '../domain/hint-context.js';
import { capHintLength } from '../domain/hint-length.js';
import { buildHintPrompt, withLeakWarning, type HintPrompt } from '../domain/hint-prompt.js';
import { estimateCostUsd } from '../domain/model-prices.js';
import { rankPassages } from '../domain/passage-retrieval.js';
import type { ModelProviderName } from '../domain/provider-name.js';
import { DEFAULT_ROUTING_POLICY, parseRoutingPolicy, routeHint, type RoutingPolicy } from '../domain/routing-policy.js';
import { HintMetrics } from './hint-metrics.js';
import { HintProvider, HintProviders, ProviderFailure, type ProviderReply } from './hint-provider.js';
import type { HintOutcome, ProviderMiss, WrittenHint } from './hint-request.repository.js';
import { ProviderSlots } from './provider-slots.js';

export type HintDraft = Omit<WrittenHint, 'latencyMs'>;

/** A model's answer that passed the guard, and whether it took a second try. */
interface GuardedReply {
  text: string;
  model: string;
  regenerated: boolean;
}

/** Shown only if the grounded hint itself tripped the guard, which its tests say it never does. */
const LAST_RESORT_HINT = 'Read the lesson once more, slowly, and ask yourself what the question is really asking.';
const PASSAGES_IN_PROMPT = 3;

/**
 * Writes one hint: the routing policy's providers in order (skipping busy ones and open
 * circuits), each answer checked by the answer-leak guard (a leak is regenerated once, then
 * replaced by the grounded hint), the grounded provider last of all so a hint is always written.
 * Buffered, never streamed: nothing reaches the learner before the guard has passed it.
 */
@Injectable()
export class HintWriter {
  private readonly logger = new Logger(HintWriter.name);
  private readonly breakers: CircuitBreakers;
  private readonly policy: RoutingPolicy;
  private readonly maxChars: number;

  constructor(
    private readonly providers: HintProviders,
    private readonly slots: ProviderSlots,
    private readonly metrics: HintMetrics,
    clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    const failureThreshold = config.get('AI_CIRCUIT_FAILURES', { infer: true });
    const cooldownMs = config.get('AI_CIRCUIT_COOLDOWN_SECONDS', { infer: true }) * 1_000;
    this.breakers = new CircuitBreakers({ failureThreshold, cooldownMs }, clock);
    const policy = config.get('AI_ROUTING_POLICY', { infer: true });
    this.policy = policy ? parseRoutingPolicy(policy) : DEFAULT_ROUTING_POLICY;
    this.maxChars = config.get('HINT_MAX_CHARS', { infer: true });
  }

  async write(context: HintContext): Promise<HintDraft> {
    const query = [context.exercise?.prompt, context.question].filter(Boolean).join(' ') || context.lesson.title;
    const prompt = buildHintPrompt(context, rankPassages(context.lesson.content, query, PASSAGES_IN_PROMPT));
    const available = new Map(this.providers.available().map((provider) => [provider.name, provider]));
    const usable = (name: ModelProviderName): boolean => available.has(name) && this.breakers.acceptsCalls(name);
    const { rule, order } = routeHint(this.policy, context, usable);
    const draft = { route: rule, misses: [] as ProviderMiss[], tokensIn: 0, tokensOut: 0, costUsd: 0 };

    for (const name of order) {
      const provider = available.get(name as ModelProviderName);
      if (!provider) continue;
      const reply = await this.ask(provider, context, prompt, draft);
      if (reply === 'leaked') return { ...draft, ...(await this.grounded(context, prompt)), outcome: 'leak_replaced' };
      if (reply) {
        const outcome: HintOutcome = reply.regenerated
          ? 'leak_regenerated'
          : draft.misses.length
            ? 'fallback'
            : 'served';
        return { ...draft, hint: reply.text, provider: provider.name, model: reply.model, outcome };
      }
    }
    return {
      ...draft,
      ...(await this.grounded(context, prompt)),
      outcome: draft.misses.length ? 'fallback' : 'served',
    };
  }

  /** Null when the provider gave nothing usable; 'leaked' when both of its answers gave the answer away. */
  private async ask(
    provider: HintProvider,
    context: HintContext,
    prompt: HintPrompt,
    draft: HintDraftAccount,
  ): Promise<GuardedReply | 'leaked' | null> {
    const name = provider.name as ModelProviderName;
    const release = await this.slots.acquire(name);
    if (!release) return this.miss(draft, { provider: name, kind: 'busy' });
    try {
      const breaker = this.breakers.for(name);
      if (!breaker.tryAcquire()) return this.miss(draft, { provider: name, kind: 'circuit_open' });
      const first = await this.call(provider, context, prompt, draft);
      if (first === null) return null;
      if (!leaks(first.text, context)) return { ...first, regenerated: false };
      this.miss(draft, { provider: name, kind: 'leaked' });
      const second = await this.call(provider, context, withLeakWarning(prompt), draft);
      if (second === null) return null;
      return leaks(second.text, context) ? 'leaked' : { ...second, regenerated: true };
    } finally {
      await release();
    }
  }

  private async call(
    provider: HintProvider,
    context: HintContext,
    prompt: HintPrompt,
    draft: HintDraftAccount,
  ): Promise<{ text: string; model: string } | null> {
    const name = provider.name as ModelProviderName;
    const breaker = this.breakers.for(name);
    let reply: ProviderReply;
    try {
      reply = await provider.generate({ context, prompt });
    } catch (error) {
      const failure =
        error instanceof ProviderFailure ? error : new ProviderFailure(name, 'unavailable', String(error));
      if (!(error instanceof ProviderFailure)) this.logger.warn(`${name} threw outside its contract: ${String(error)}`);
      if (failure.countsAgainstProvider) breaker.recordFailure();
      else breaker.recordSuccess();
      return this.miss(draft, { provider: name, kind: failure.kind });
    }
    breaker.recordSuccess();
    const tokensIn = tokenCount(reply.tokensIn);
    const tokensOut = tokenCount(reply.tokensOut);
    draft.tokensIn += tokensIn;
    draft.tokensOut += tokensOut;
    draft.costUsd += estimateCostUsd(reply.model, tokensIn, tokensOut);
    return { text: capHintLength(reply.text, this.maxChars), model: reply.model };
  }

  private miss(draft: HintDraftAccount, miss: ProviderMiss): null {
    draft.misses.push(miss);
    this.metrics.missed(miss);
    return null;
  }

  private async grounded(
    context: HintContext,
    prompt: HintPrompt,
  ): Promise<{ hint: string; provider: 'grounded'; model: string }> {
    const reply = await this.providers.grounded().generate({ context, prompt });
    const text = capHintLength(reply.text, this.maxChars);
    if (leaks(text, context)) {
      this.logger.error(`The grounded hint for lesson ${context.lesson.id} tripped the answer-leak guard`);
      return { hint: LAST_RESORT_HINT, provider: 'grounded', model: reply.model };
    }
    return { hint: text, provider: 'grounded', model: reply.model };
  }
}

/** A lesson question has no answer key to leak; an exercise hint is checked against its key. */
const leaks = (text: string, { exercise }: HintContext): boolean =>
  exercise !== undefined && findAnswerLeak(text, exercise) !== null;

/** A provider's own count, made safe for accounting (a missing or odd usage block counts as 0). */
const tokenCount = (value: number): number => (Number.isSafeInteger(value) && value > 0 ? value : 0);

type HintDraftAccount = Pick<HintDraft, 'misses' | 'tokensIn' | 'tokensOut' | 'costUsd'>;
