/** Hint accounting over a period, as admins see it (GET /admin/ai/stats). */
export interface ProviderStats {
  provider: string;
  requests: number;
  cached: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Over hints written (not cached), in milliseconds; null when there were none. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  rated: number;
  /** Share of rated hints rated helpful (0–1); null when none was rated. */
  helpfulRate: number | null;
}

export interface TopicProviderStats {
  topic: string;
  provider: string;
  requests: number;
  rated: number;
  helpfulRate: number | null;
}

export interface HintStats {
  from: Date;
  to: Date;
  requests: number;
  failed: number;
  costUsd: number;
  providers: ProviderStats[];
  topics: TopicProviderStats[];
}

export abstract class HintStatsReader {
  abstract read(from: Date, to: Date): Promise<HintStats>;
}
