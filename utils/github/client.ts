/**
 * GitHub REST through Octokit with the throttling and retry plugins. Background only: an
 * Octokit instance holds the token (github-api.md §1).
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
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

/** Octokit's RequestError (or a network failure) as a user-facing error. */
export function gitHubError(error: unknown): AppError {
  const status =
    typeof (error as { status?: unknown })?.status === 'number'
      ? (error as { status: number }).status
      : 0;
  const headers = ((error as { response?: { headers?: Record<string, string> } })?.response
    ?.headers ?? {}) as Record<string, string>;
  if (status === 401)
    return {
      code: 'unauthorized',
      status,
      message:
        'GitHub rejected the token (401 Bad credentials): create a new token and paste it in the options page.',
    };
  if ((status === 403 || status === 429) && headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']) * 1000;
    const retryAt = Number.isFinite(reset) && reset > 0 ? reset : undefined;
    const when = retryAt
      ? ` until ${new Date(retryAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
      : '';
    return {
      code: 'rate-limited',
      status,
      retryAt,
      message: `GitHub rate limit reached${when}; adding a token raises the limit.`,
    };
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
  if (status === 429)
    return { code: 'rate-limited', status, message: 'GitHub asked us to slow down (429).' };
  if (status >= 500)
    return { code: 'server', status, message: `GitHub had a server error (${status}).` };
  if (
    /timeout|abort/i.test(
      String((error as Error)?.name ?? '') + String((error as Error)?.message ?? ''),
    )
  ) {
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
