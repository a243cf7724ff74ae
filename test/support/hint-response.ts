/** What POST /ai/hint (and GET /ai/hint/:jobId) answers with 200, as a client reads it. */
export interface HintResponse {
  id: number;
  hint: string;
  level: number;
  provider: string;
  model: string;
  cached: boolean;
  remainingToday: number;
}
