/**
 * fetch with a timeout, a status → error mapping and schema validation of the JSON answer.
 * Used for Trello (both read paths); GitHub goes through Octokit.
 */
import * as v from 'valibot';
import { type ErrorCode, fail, ok, type Result } from './result';

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: Record<string, string>;
  credentials?: RequestCredentials;
  timeoutMs?: number;
  /** Names the service in messages: "Trello answered 500". */
  service: string;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const DEFAULT_TIMEOUT_MS = 15_000;

export async function requestJson<S extends v.GenericSchema>(
  request: JsonRequest,
  schema: S,
  fetchImpl: FetchLike = fetch,
): Promise<Result<v.InferOutput<S>>> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetchImpl(request.url, {
      method: request.method ?? 'GET',
      headers: {
        Accept: 'application/json',
        ...(request.body ? { 'Content-Type': 'application/json' } : {}),
        ...request.headers,
      },
      body: request.body ? JSON.stringify(request.body) : undefined,
      credentials: request.credentials ?? 'omit',
      cache: request.method && request.method !== 'GET' ? 'no-store' : 'default',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (
      error instanceof DOMException &&
      (error.name === 'TimeoutError' || error.name === 'AbortError')
    ) {
      return fail(
        'timeout',
        `${request.service} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      );
    }
    return fail(
      'network',
      `Could not reach ${request.service}: the network is down or the site is unreachable.`,
    );
  }

  if (!response.ok) {
    return fail(statusCode(response.status), statusMessage(request.service, response.status), {
      status: response.status,
    });
  }
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    return fail('malformed', `${request.service} sent an answer that is not valid JSON.`, {
      status: response.status,
    });
  }
  const parsed = v.safeParse(schema, data);
  if (!parsed.success) {
    const where = v.getDotPath(parsed.issues[0]) ?? 'the answer';
    return fail(
      'malformed',
      `${request.service} sent an answer Process Lens cannot read (${where}).`,
      {
        status: response.status,
      },
    );
  }
  return ok(parsed.output);
}

export function statusCode(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'malformed';
}

function statusMessage(service: string, status: number): string {
  switch (statusCode(status)) {
    case 'unauthorized':
      return `${service} refused the request (401): not signed in, or the token was rejected.`;
    case 'forbidden':
      return `${service} refused access (403).`;
    case 'not-found':
      return `${service} found nothing here (404): it does not exist, or you have no access to it.`;
    case 'rate-limited':
      return `${service} rate limit reached (429).`;
    case 'server':
      return `${service} had a server error (${status}).`;
    default:
      return `${service} answered with an unexpected status (${status}).`;
  }
}
