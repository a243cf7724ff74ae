import { encodeRequest, type ScenarioRequest } from './scenario.js';

/** One recorded answer: what the same-bytes baseline replays byte for byte, or a baseline's check answer. */
export interface RecordedResponse {
  status: number;
  contentType: string | null;
  body: Buffer;
}

/** Sends the request once and keeps the exact answer (the probe of the API, and each baseline's check). */
export async function record(baseUrl: string, request: ScenarioRequest): Promise<RecordedResponse> {
  const { method, headers, body } = encodeRequest(request);
  // identity: autocannon asks for no compression, so the probe must see the same bytes it will.
  const response = await fetch(baseUrl + request.path, {
    method,
    headers: { 'accept-encoding': 'identity', ...headers },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}
