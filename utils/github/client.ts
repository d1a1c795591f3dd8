/**
 * GitHub REST through Octokit with the throttling and retry plugins. Background only: an
 * Octokit instance holds the token (docs/architecture.md, "API facts").
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { clockTime } from '../process/time';
import { type AppError, fail, ok, type Result } from '../result';

const ProcessLensOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof ProcessLensOctokit>;

export function createGitHubClient(token: string): GitHubClient {
  return new ProcessLensOctokit({
    auth: token || undefined,
    userAgent: 'process-lens',
    throttle: {
      // Primary limit: retry once after the reset only when it is soon; otherwise surface it.
      onRateLimit: (retryAfter, _options, _octokit, retryCount) =>
        retryCount < 1 && retryAfter < 60,
      // Secondary limit: honour retry-after once.
      onSecondaryRateLimit: (retryAfter, _options, _octokit, retryCount) =>
        retryCount < 1 && retryAfter < 120,
    },
    // Throttling owns 429; POSTs are sent with `retries: 0` (re-check before any retry).
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    // The browser's HTTP cache would serve stale answers for 60 s (e.g. after a write); our own
    // cache keeps ETags instead.
    request: {
      timeout: 15_000,
      fetch: (url: string, init: RequestInit) => fetch(url, { ...init, cache: 'no-store' }),
    },
  });
}

export interface GitHubIdentity {
  login: string;
  name: string | null;
}

export async function whoAmI(client: GitHubClient): Promise<Result<GitHubIdentity>> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    if (typeof data?.login !== 'string')
      return fail('malformed', 'GitHub sent an answer Process Lens cannot read.');
    return ok({ login: data.login, name: data.name ?? null });
  } catch (error) {
    return { ok: false, error: gitHubError(error) };
  }
}

/** GitHub's 403/429 answers that mean "too many requests", and when asking again makes sense. */
function rateLimit(
  status: number,
  headers: Record<string, string>,
  text: string,
  now: number,
): { kind: 'primary' | 'secondary' | 'other'; retryAt: number } | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers['retry-after']);
  const hasRetryAfter = headers['retry-after'] !== undefined && Number.isFinite(retryAfter);
  const primary = headers['x-ratelimit-remaining'] === '0';
  const secondary = /secondary rate limit/i.test(text) || (hasRetryAfter && !primary);
  if (status === 403 && !primary && !secondary) return undefined;
  const reset = Number(headers['x-ratelimit-reset']) * 1000;
  // docs/architecture.md, "API facts": retry-after first, then the reset time, else at least a minute.
  const retryAt = hasRetryAfter
    ? now + Math.max(retryAfter, 0) * 1000
    : Number.isFinite(reset) && reset > 0
      ? reset
      : now + 60_000;
  return { kind: primary ? 'primary' : secondary ? 'secondary' : 'other', retryAt };
}

/** Octokit's RequestError (or a network failure) as a user-facing error. */
export function gitHubError(error: unknown, now = Date.now()): AppError {
  const failure = error as {
    status?: unknown;
    message?: unknown;
    name?: unknown;
    response?: { headers?: Record<string, string>; data?: { message?: unknown } };
    request?: { headers?: Record<string, unknown> };
  } | null;
  const status = typeof failure?.status === 'number' ? failure.status : 0;
  const headers = failure?.response?.headers ?? {};
  // The token is redacted in the error, but the header says whether one was sent.
  const withToken = Boolean(failure?.request?.headers?.authorization);
  const text = `${String(failure?.message ?? '')} ${String(failure?.response?.data?.message ?? '')}`;
  if (status === 401)
    return {
      code: 'unauthorized',
      status,
      message: withToken
        ? 'GitHub rejected the token (401 Bad credentials): create a new token and paste it in the options page.'
        : 'GitHub needs a token for this (401), and no GitHub token is saved: paste one in the options page.',
    };
  const limited = rateLimit(status, headers, text, now);
  if (limited) {
    const until = ` until ${clockTime(limited.retryAt)}`;
    const what = {
      primary: `GitHub rate limit reached${until}.`,
      secondary: `GitHub’s secondary rate limit reached (too many requests in a short time)${until}.`,
      other: `GitHub asked Process Lens to slow down (${status})${until}.`,
    }[limited.kind];
    const raise =
      limited.kind === 'primary' && !withToken
        ? ' Add a GitHub token in the Process Lens options page: it raises the limit from 60 to 5,000 requests an hour.'
        : '';
    return { code: 'rate-limited', status, retryAt: limited.retryAt, message: `${what}${raise}` };
  }
  if (status === 403)
    return {
      code: 'forbidden',
      status,
      message: 'GitHub refused access (403): the token lacks a permission this needs.',
    };
  if (status === 404)
    return {
      code: 'not-found',
      status,
      message: 'GitHub found nothing here (404): it does not exist, or the token cannot see it.',
    };
  if (status >= 500)
    return { code: 'server', status, message: `GitHub had a server error (${status}).` };
  if (/timeout|abort/i.test(String(failure?.name ?? '') + String(failure?.message ?? ''))) {
    return { code: 'timeout', message: 'GitHub did not answer in time.' };
  }
  if (status === 0)
    return {
      code: 'network',
      message: 'Could not reach GitHub: the network is down or the site is unreachable.',
    };
  return {
    code: 'malformed',
    status,
    message: `GitHub answered with an unexpected status (${status}).`,
  };
}
