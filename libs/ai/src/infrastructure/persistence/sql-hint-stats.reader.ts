import { Injectable } from '@nestjs/common';
import { Transactions } from '@techtrek/platform';
import {
  HintStatsReader,
  type HintStats,
  type ProviderStats,
  type TopicProviderStats,
} from '../../application/hint-stats.reader.js';

const PERIOD = `SELECT * FROM hint_requests WHERE created_at >= $1 AND created_at < $2`;
const RATINGS = `count(helpful)::int AS rated, avg(helpful::int)::float8 AS "helpfulRate"`;

/** Aggregates in PostgreSQL over the creation-time index: one statement per table of the answer. */
@Injectable()
export class SqlHintStatsReader extends HintStatsReader {
  constructor(private readonly transactions: Transactions) {
    super();
  }

  async read(from: Date, to: Date): Promise<HintStats> {
    const query = this.transactions.manager.query.bind(this.transactions.manager);
    const [[totals], providers, topics] = await Promise.all([
      query<{ requests: number; failed: number; costUsd: number }[]>(
        `WITH period AS (${PERIOD})
         SELECT count(*)::int AS requests, count(*) FILTER (WHERE status = 'failed')::int AS failed,
                coalesce(sum(cost_usd), 0)::float8 AS "costUsd"
         FROM period`,
        [from, to],
      ),
      query<ProviderStats[]>(
        `WITH period AS (${PERIOD})
         SELECT provider, count(*)::int AS requests, count(*) FILTER (WHERE cached)::int AS cached,
                sum(tokens_in)::float8 AS "tokensIn", sum(tokens_out)::float8 AS "tokensOut",
                sum(cost_usd)::float8 AS "costUsd",
                percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE NOT cached) AS "latencyP50Ms",
                percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) FILTER (WHERE NOT cached) AS "latencyP95Ms",
                ${RATINGS}
         FROM period WHERE status = 'done' GROUP BY provider ORDER BY requests DESC, provider`,
        [from, to],
      ),
      query<TopicProviderStats[]>(
        `WITH period AS (${PERIOD})
         SELECT topic, provider, count(*)::int AS requests, ${RATINGS}
         FROM period WHERE status = 'done' GROUP BY topic, provider ORDER BY topic, requests DESC, provider`,
        [from, to],
      ),
    ]);
    return { from, to, ...totals!, providers: providers.map(roundLatencies), topics };
  }
}

function roundLatencies(stats: ProviderStats): ProviderStats {
  const round = (value: number | null): number | null => (value === null ? null : Math.round(value));
  return { ...stats, latencyP50Ms: round(stats.latencyP50Ms), latencyP95Ms: round(stats.latencyP95Ms) };
}
