import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createGitHubClient, gitHubError } from '../../utils/github/client';
import { checkTokenUser } from '../../utils/github/issue-ops';

// Noon in the reader's zone, so the messages' times of day ("until 12:30") are known here.
const NOW = new Date(2026, 10, 25, 12, 0).getTime();

/** Shaped like Octokit's RequestError: the token redacted, the header still there. */
function requestError(
  status: number,
  headers: Record<string, string> = {},
  message = 'Forbidden',
  token = false,
) {
  return Object.assign(new Error(message), {
    name: 'HttpError',
    status,
    response: { status, headers, data: { message } },
    request: { headers: token ? { authorization: 'token [REDACTED]' } : {} },
  });
}

const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

describe('GitHub errors', () => {
  it('a secondary limit (403) is a rate limit until retry-after, not a missing permission', () => {
    const error = gitHubError(requestError(403, { 'retry-after': '90' }, SECONDARY), NOW);
    expect(error).toMatchObject({ code: 'rate-limited', status: 403, retryAt: NOW + 90_000 });
    expect(error.message).toContain('secondary rate limit');
    expect(error.message).toContain('until 12:01');
    expect(error.message).not.toContain('permission');
  });

  it('a 403 with only a retry-after, or only the secondary message, is a rate limit too', () => {
    expect(gitHubError(requestError(403, { 'retry-after': '5' }), NOW)).toMatchObject({
      code: 'rate-limited',
      retryAt: NOW + 5_000,
    });
    // No retry-after: wait at least a minute (docs/architecture.md, "API facts").
    expect(gitHubError(requestError(403, {}, SECONDARY), NOW)).toMatchObject({
      code: 'rate-limited',
      retryAt: NOW + 60_000,
    });
  });

  it('the primary limit says when it resets, and suggests a token only when none was sent', () => {
    const reset = NOW + 30 * 60_000;
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset / 1000) };
    const anonymous = gitHubError(requestError(403, headers, 'API rate limit exceeded'), NOW);
    expect(anonymous).toMatchObject({ code: 'rate-limited', retryAt: reset });
    expect(anonymous.message).toContain('GitHub rate limit reached until 12:30');
    expect(anonymous.message).toContain('Add a GitHub token');
    const withToken = gitHubError(requestError(403, headers, 'API rate limit exceeded', true), NOW);
    expect(withToken).toMatchObject({ code: 'rate-limited', retryAt: reset });
    expect(withToken.message).not.toMatch(/token/i);
  });

  it('a 429 shows its reset time: retry-after, else the rate-limit reset, else a minute', () => {
    const reset = NOW + 10 * 60_000;
    expect(gitHubError(requestError(429, { 'retry-after': '120' }), NOW)).toMatchObject({
      code: 'rate-limited',
      retryAt: NOW + 120_000,
    });
    const byReset = gitHubError(
      requestError(429, { 'x-ratelimit-reset': String(reset / 1000) }),
      NOW,
    );
    expect(byReset).toMatchObject({ code: 'rate-limited', retryAt: reset });
    expect(byReset.message).toContain('until 12:10');
    expect(gitHubError(requestError(429), NOW)).toMatchObject({ retryAt: NOW + 60_000 });
  });

  it('a plain 403 is still a missing permission; a 401 names the token only when one was sent', () => {
    expect(gitHubError(requestError(403), NOW)).toMatchObject({ code: 'forbidden' });
    expect(gitHubError(requestError(401, {}, 'Bad credentials', true), NOW).message).toContain(
      'GitHub rejected the token',
    );
    expect(gitHubError(requestError(401, {}, 'Requires authentication'), NOW).message).toContain(
      'no GitHub token is saved',
    );
  });
});

describe('before a write', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
  });

  it('with no token saved, says so without asking GitHub', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const result = await checkTokenUser(createGitHubClient(''), 'demo-dev');
    expect(result).toMatchObject({ ok: false, error: { code: 'not-connected' } });
    expect(!result.ok && result.error.message).toContain('No GitHub token is saved');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
