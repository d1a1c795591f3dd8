/**
 * Reads the watched repositories' open issues for the summary: one conditional list request per
 * repository; an issue's comments (who took part, which cards they link) read again only when its
 * `updated_at` changed (see docs/architecture.md, "Data and caches").
 */
import type { GitHubClient } from '../github/client';
import { FRESH, readOpenIssues, readSlimComments } from '../github/data';
import { type ApiIssue, isArray, toIssue } from '../github/mapping';
import { subjectOf } from '../github/snapshot';
import type { Settings } from '../process/settings';
import { type TeamIssue, teamIssue } from '../process/team-issues';
import { watchedRepos } from '../process/team-pulls';
import { ok } from '../result';
import { whileUnchanged } from './team-pulls';

/**
 * The open issues `issue.needs-card` flags (a repository that cannot be read keeps `previous`),
 * and how many comments each open pull request has (`owner/repo#n` in lower case), as the same
 * list says.
 */
export async function readTeamIssues(
  client: GitHubClient,
  settings: Settings,
  now: () => number,
  previous: readonly TeamIssue[] = [],
): Promise<{ issues: TeamIssue[]; pullComments: Map<string, number> }> {
  const issues: TeamIssue[] = [];
  const pullComments = new Map<string, number>();
  for (const fullName of watchedRepos(settings)) {
    const [owner = '', repo = ''] = fullName.split('/');
    const sameRepo = (i: TeamIssue) =>
      `${i.owner}/${i.repo}`.toLowerCase() === fullName.toLowerCase();
    const list = await readOpenIssues(client, { owner, repo }, now);
    if (!list.ok || !isArray(list.value.data)) {
      issues.push(...previous.filter(sameRepo));
      if (!list.ok && list.error.code === 'rate-limited') break;
      continue;
    }
    for (const item of list.value.data as ApiIssue[]) {
      if (typeof item.number !== 'number') continue;
      const ref = { owner, repo, number: item.number };
      if (item.pull_request) {
        if (typeof item.comments === 'number')
          pullComments.set(subjectOf(ref).toLowerCase(), item.comments);
        continue;
      }
      // No comments: nothing to read.
      const comments = item.comments
        ? await whileUnchanged(`comments:${subjectOf(ref)}`, item.updated_at ?? '', () =>
            readSlimComments(client, ref, now, FRESH),
          )
        : ok([]);
      if (!comments.ok) {
        issues.push(...previous.filter((i) => sameRepo(i) && i.number === item.number));
        continue;
      }
      const base = toIssue(ref, item, []);
      if (!base) continue;
      const flagged = teamIssue(
        { ...base, comments: comments.value, fetchedAt: list.value.fetchedAt },
        settings,
        now(),
      );
      if (flagged) issues.push(flagged);
    }
  }
  return { issues, pullComments };
}
