/**
 * "Connect Trello" through Trello's own authorize page (docs/architecture.md, "API facts"): read and write access,
 * 30 days, the token handed back in the redirect's fragment. A token is accepted only from the
 * exact redirect address the browser gave us (see docs/architecture.md, "API facts").
 */

export function trelloAuthorizeUrl(apiKey: string, redirectUrl: string): string {
  const query = new URLSearchParams({
    expiration: '30days',
    name: 'Process Lens',
    scope: 'read,write',
    response_type: 'token',
    callback_method: 'fragment',
    return_url: redirectUrl,
  });
  // The API key identifies the app (it is public); the token comes back in the fragment.
  query.set('key', apiKey);
  return `https://trello.com/1/authorize?${query}`;
}

const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

/** The token from the address Trello redirected to, or undefined if anything is off. */
export function tokenFromRedirect(
  redirected: string | undefined,
  expectedRedirect: string,
): string | undefined {
  if (!redirected) return undefined;
  let url: URL;
  let expected: URL;
  try {
    url = new URL(redirected);
    expected = new URL(expectedRedirect);
  } catch {
    return undefined;
  }
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) return undefined;
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return TOKEN.test(token) ? token : undefined;
}
