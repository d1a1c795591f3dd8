/**
 * Fresh (uncached) reads and the writes of the move job on GitHub. Background only. The comment
 * POST is sent once (`retries: 0`): after a failure the job lists the comments before trying again.
 */
import type { IssueForCard } from '../jobs/card-content';
import { fail, ok, type Result } from '../result';
import { type GitHubClient, gitHubError } from './client';
import { COMMENTS_ROUTE, commentParams, forgetCached, type Ref } from './data';

async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    return { ok: false, error: gitHubError(error) };
  }
}

export function readIssueForCard(
  client: GitHubClient,
  ref: Ref,
): Promise<Result<IssueForCard & { labels: string[] }>> {
  return attempt(async () => {
    const params = { owner: ref.owner, repo: ref.repo, issue_number: ref.number };
    const [{ data: issue }, comments] = await Promise.all([
      client.rest.issues.get(params),
      client.paginate(client.rest.issues.listComments, { ...params, per_page: 100 }),
    ]);
    return {
      url: issue.html_url,
      title: issue.title,
      body: issue.body ?? '',
      author: issue.user?.login ?? 'ghost',
      createdAt: issue.created_at,
      labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
      comments: comments.map((c) => ({
        user: c.user?.login ?? 'ghost',
        body: c.body ?? '',
        createdAt: c.created_at,
        url: c.html_url,
      })),
    };
  });
}

export function issueCommentBodies(client: GitHubClient, ref: Ref): Promise<Result<string[]>> {
  return attempt(async () => {
    const comments = await client.paginate(client.rest.issues.listComments, {
      owner: ref.owner,
      repo: ref.repo,
      issue_number: ref.number,
      per_page: 100,
    });
    return comments.map((c) => c.body ?? '');
  });
}

export async function addIssueComment(
  client: GitHubClient,
  ref: Ref,
  body: string,
): Promise<Result<unknown>> {
  const result = await attempt(() =>
    client.rest.issues.createComment({
      owner: ref.owner,
      repo: ref.repo,
      issue_number: ref.number,
      body,
      request: { retries: 0 },
    }),
  );
  await forgetCached(COMMENTS_ROUTE, commentParams(ref));
  return result;
}

/**
 * Adds a label to the issue unless it is already there. Never creates one: GitHub creates an
 * unknown label when it is added to an issue, so the repository is asked for it first.
 */
export function addExistingLabel(
  client: GitHubClient,
  ref: Ref,
  name: string,
): Promise<Result<'added' | 'already' | 'missing'>> {
  return attempt(async () => {
    const params = { owner: ref.owner, repo: ref.repo, issue_number: ref.number };
    const { data: issue } = await client.rest.issues.get(params);
    const wanted = name.toLowerCase();
    const labelName = (l: string | { name?: string }) =>
      typeof l === 'string' ? l : (l.name ?? '');
    if (issue.labels.some((l) => labelName(l).toLowerCase() === wanted)) return 'already' as const;
    let label: string;
    try {
      ({
        data: { name: label },
      } = await client.rest.issues.getLabel({ owner: ref.owner, repo: ref.repo, name }));
    } catch (error) {
      if (gitHubError(error).code === 'not-found') return 'missing' as const;
      throw error;
    }
    await client.rest.issues.addLabels({ ...params, labels: [label] });
    return 'added' as const;
  });
}

export async function closeNotPlanned(client: GitHubClient, ref: Ref): Promise<Result<unknown>> {
  const result = await attempt(() =>
    client.rest.issues.update({
      owner: ref.owner,
      repo: ref.repo,
      issue_number: ref.number,
      state: 'closed',
      state_reason: 'not_planned',
    }),
  );
  await forgetCached('GET /repos/{owner}/{repo}/issues/{issue_number}', {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.number,
  });
  return result;
}

/** The token's user must be the user signed in on the page before anything is written. */
export async function checkTokenUser(
  client: GitHubClient,
  pageUser: string | undefined,
): Promise<Result<string>> {
  const auth = (await client.auth()) as { type?: string };
  if (auth.type === 'unauthenticated')
    return fail(
      'not-connected',
      'No GitHub token is saved, and writing to GitHub needs one: paste a fine-grained token in the Process Lens options page. Nothing was written.',
    );
  const me = await attempt(() => client.rest.users.getAuthenticated());
  if (!me.ok) return me;
  const login = me.value.data.login;
  if (pageUser && login.toLowerCase() !== pageUser.toLowerCase()) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `The GitHub token belongs to @${login}, but @${pageUser} is signed in here: nothing was written.`,
      },
    };
  }
  return ok(login);
}
