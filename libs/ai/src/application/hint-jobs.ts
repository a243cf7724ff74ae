/** The hints queue, as the API sees it. */
export abstract class HintJobs {
  abstract enqueue(requestId: number): Promise<void>;
  /** Resolves true when the job finished (either way) within `timeoutMs`, false when it is still running. */
  abstract waitForFinish(requestId: number, timeoutMs: number): Promise<boolean>;
}
