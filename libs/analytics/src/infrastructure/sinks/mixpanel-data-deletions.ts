/** What Mixpanel's GDPR API takes in one deletion request. */
const MAX_DISTINCT_IDS = 2_000;

export interface MixpanelDataDeletionsSettings {
  /** `https` (or `http` for a local fake). */
  protocol: string;
  /** `mixpanel.com`, or `eu.mixpanel.com` for a project with EU data residency. */
  host: string;
  /** The project token (which project's data). */
  projectToken: string;
  /** A GDPR OAuth token of a project owner or admin (Mixpanel: Settings → Data & Privacy); it expires yearly. */
  gdprToken: string;
  timeoutMs: number;
}

/**
 * Mixpanel's GDPR and CCPA API, v3 (`POST /api/app/data-deletions/v3.0/?token=<project token>`,
 * bearer GDPR token, JSON `{distinct_ids, compliance_type}`; Mixpanel answers
 * `{"status":"ok","results":{"task_id":"…"}}` and deletes within weeks). The `mixpanel` package
 * only ingests, so this speaks the API with fetch.
 */
export class MixpanelDataDeletions {
  constructor(private readonly settings: MixpanelDataDeletionsSettings) {}

  /** Requests the deletion of these learners' data; resolves with Mixpanel's task ids, one a request. */
  async request(distinctIds: readonly string[]): Promise<string[]> {
    const taskIds: string[] = [];
    for (let start = 0; start < distinctIds.length; start += MAX_DISTINCT_IDS) {
      taskIds.push(await this.requestOne(distinctIds.slice(start, start + MAX_DISTINCT_IDS)));
    }
    return taskIds;
  }

  private async requestOne(distinctIds: readonly string[]): Promise<string> {
    const { protocol, host, projectToken, gdprToken, timeoutMs } = this.settings;
    const url = new URL(`${protocol}://${host}/api/app/data-deletions/v3.0/`);
    url.searchParams.set('token', projectToken);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${gdprToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ distinct_ids: distinctIds, compliance_type: 'GDPR' }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(`Mixpanel's deletion request failed: ${describe(error, timeoutMs)}`);
    }
    const answer = (await response.json().catch(() => undefined)) as
      { status?: string; error?: string; results?: { task_id?: unknown } } | undefined;
    const taskId = answer?.results?.task_id;
    if (!response.ok || answer?.status !== 'ok' || typeof taskId !== 'string') {
      throw new Error(
        `Mixpanel refused the deletion request (HTTP ${response.status}): ${answer?.error ?? 'no reason given'}`,
      );
    }
    return taskId;
  }
}

/**
 * Why fetch failed, without the request's URL (it carries the project token). Duck-typed: fetch's
 * errors come from Node's own realm, which `instanceof Error` does not see under a VM (Jest).
 */
function describe(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = (error ?? {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { message?: unknown };
  };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (typeof message !== 'string') return String(error);
  return typeof cause?.message === 'string' ? `${message} (${cause.message})` : message;
}
