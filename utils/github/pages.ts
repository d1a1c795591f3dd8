/**
 * GitHub page detection: pure functions of the URL (docs/architecture.md, "API facts"). Tests check every example
 * of one detector against every other detector.
 */

/** First path segments that are GitHub's own pages, never an owner. */
const RESERVED = new Set([
  'about',
  'apps',
  'codespaces',
  'collections',
  'dashboard',
  'enterprise',
  'explore',
  'features',
  'issues',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'organizations',
  'pricing',
  'pulls',
  'search',
  'settings',
  'sponsors',
  'topics',
  'trending',
  'users',
]);

export type GitHubPage =
  | { kind: 'pull'; owner: string; repo: string; number: number }
  | { kind: 'issue'; owner: string; repo: string; number: number }
  | { kind: 'pull-list'; owner: string; repo: string };

export function parseGitHubPage(url: string | URL): GitHubPage | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname !== 'github.com') return undefined;
  const match = parsed.pathname.match(
    /^\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/(pull|issues|pulls)(?:\/(\d{1,9}))?(\/[^?#]*)?$/,
  );
  if (!match) return undefined;
  const [, owner = '', repo = '', section, number, rest = ''] = match;
  if (RESERVED.has(owner.toLowerCase()) || repo === '.' || repo === '..') return undefined;
  if (section === 'pulls')
    return !number && (rest === '' || rest === '/')
      ? { kind: 'pull-list', owner, repo }
      : undefined;
  if (!number) return undefined;
  // Pull request tabs (/files, /commits, /checks) show the same header; an issue has no sub-pages.
  if (section === 'pull' && /^(\/(files|commits|checks)(\/.*)?|\/)?$/.test(rest)) {
    return { kind: 'pull', owner, repo, number: Number(number) };
  }
  if (section === 'issues' && (rest === '' || rest === '/'))
    return { kind: 'issue', owner, repo, number: Number(number) };
  return undefined;
}

/** https://github.com/p2pu/lernanta/pull/41, …/pull/41/files */
export const isPull = (url: string | URL) => parseGitHubPage(url)?.kind === 'pull';
/** https://github.com/p2pu/lernanta/issues/43 */
export const isIssue = (url: string | URL) => parseGitHubPage(url)?.kind === 'issue';
/** https://github.com/p2pu/lernanta/pulls */
export const isPullList = (url: string | URL) => parseGitHubPage(url)?.kind === 'pull-list';
