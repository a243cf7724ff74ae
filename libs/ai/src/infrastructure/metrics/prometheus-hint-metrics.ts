import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@techtrek/platform';
import { Counter, Histogram } from 'prom-client';
import { HintMetrics, type ServedHintMeasure } from '../../application/hint-metrics.js';
import type { ProviderMiss } from '../../application/hint-request.repository.js';

/** Hint accounting on /metrics: the API counts cache hits, the worker what providers wrote. */
@Injectable()
export class PrometheusHintMetrics extends HintMetrics {
  private readonly hints: Counter<'provider' | 'outcome' | 'cached'>;
  private readonly latency: Histogram<'provider' | 'cached'>;
  private readonly tokens: Counter<'provider' | 'direction'>;
  private readonly cost: Counter<'provider'>;
  private readonly failures: Counter;
  private readonly misses: Counter<'provider' | 'kind'>;

  constructor(metrics: MetricsRegistry) {
    super();
    const registers = [metrics.registry];
    this.hints = new Counter({
      name: 'ai_hints_total',
      help: 'Hints shown, by provider, outcome and whether they came from the cache',
      labelNames: ['provider', 'outcome', 'cached'] as const,
      registers,
    });
    this.latency = new Histogram({
      name: 'ai_hint_duration_seconds',
      help: 'Time to a hint: the whole write in the worker, the lookup for cache hits',
      labelNames: ['provider', 'cached'] as const,
      buckets: [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
      registers,
    });
    this.tokens = new Counter({
      name: 'ai_hint_tokens_total',
      help: 'Model tokens spent on hints, by provider and direction (in, out)',
      labelNames: ['provider', 'direction'] as const,
      registers,
    });
    this.cost = new Counter({
      name: 'ai_hint_cost_usd_total',
      help: 'Estimated cost of hints in US dollars (list prices), by provider',
      labelNames: ['provider'] as const,
      registers,
    });
    this.failures = new Counter({
      name: 'ai_hint_failures_total',
      help: 'Hint requests that got no hint (their quota unit was given back)',
      registers,
    });
    this.misses = new Counter({
      name: 'ai_provider_misses_total',
      help: 'Provider calls that gave no usable hint, or were skipped, by provider and reason',
      labelNames: ['provider', 'kind'] as const,
      registers,
    });
  }

  served(measure: ServedHintMeasure): void {
    const cached = String(measure.cached);
    this.hints.labels(measure.provider, measure.outcome, cached).inc();
    this.latency.labels(measure.provider, cached).observe(measure.latencyMs / 1_000);
    if (measure.cached) return;
    this.tokens.labels(measure.provider, 'in').inc(measure.tokensIn);
    this.tokens.labels(measure.provider, 'out').inc(measure.tokensOut);
    this.cost.labels(measure.provider).inc(measure.costUsd);
  }

  failed(): void {
    this.failures.inc();
  }

  missed(miss: ProviderMiss): void {
    this.misses.labels(miss.provider, miss.kind).inc();
  }
}
