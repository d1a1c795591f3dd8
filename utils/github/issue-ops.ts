/**
 * The move job's reads and writes on GitHub. Background only. Reads ask GitHub now (conditional
 * requests through the ETag cache); a write forgets what it changed. The comment POST is sent
 * once (`retries: 0`): after a failure the job lists the comments before trying again.
 */
import { fail, ok, type Result } from '../result';
import { type GitHubClient, gitHubError } from './client';
import {
  COMMENTS_ROUTE,
  commentParams,
  FRESH,
  ISSUE_ROUTE,
  issueParams,
  readFreshComments,
  readFreshLabels,
  readIssue,
} from './data';
import { forgetCached } from './etag-cache';
import type { LinkedIssue } from './mapping';
import type { PullRef } from './snapshot';

async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    return { ok: false, error: gitHubError(error) };
  }
}

/** The issue to copy onto a card, as GitHub has it now. */
export function readIssueForCard(
  client: GitHubClient,
  ref: PullRef,
  now = Date.now,
): Promise<Result<LinkedIssue>> {
  return readIssue(client, ref, now, FRESH);
}

export async function issueCommentBodies(
  client: GitHubClient,
  ref: PullRef,
): Promise<Result<string[]>> {
  const comments = await readFreshComments(client, ref);
  return comments.ok ? ok(comments.value.map((c) => c.body)) : comments;
}

export async function addIssueComment(
  client: GitHubClient,
  ref: PullRef,
  body: string,
): Promise<Result<{ id: number }>> {
  const result = await attempt(async () => {
    const { data } = await client.rest.issues.createComment({
      ...issueParams(ref),
      body,
      request: { retries: 0 },
    });
    return { id: data.id };
  });
  await forgetCached(COMMENTS_ROUTE, commentParams(ref));
  return result;
}

/**
 * Deletes one of the issue's comments (Undo); one already gone counts as deleted. Sent once: the
 * user's next Undo click is the retry.
 */
export async function deleteIssueComment(
  client: GitHubClient,
  ref: PullRef,
  id: number,
): Promise<Result<null>> {
  const result = await attempt(() =>
    client.rest.issues.deleteComment({
      owner: ref.owner,
      repo: ref.repo,
      comment_id: id,
      request: { retries: 0 },
    }),
  );
  await forgetCached(COMMENTS_ROUTE, commentParams(ref));
  if (!result.ok && result.error.code !== 'not-found') return result;
  return ok(null);
}

/**
 * Adds a label to the issue unless it is already there. Never creates one: GitHub creates an
 * unknown label when it is added to an issue, so the repository is asked for it first.
 */
export async function addExistingLabel(
  client: GitHubClient,
  ref: PullRef,
  name: string,
): Promise<Result<'added' | 'already' | 'missing'>> {
  const labels = await readFreshLabels(client, ref);
  if (!labels.ok) return labels;
  const wanted = name.toLowerCase();
  if (labels.value.some((label) => label.toLowerCase() === wanted)) return ok('already');
  const result = await attempt(async () => {
    let label: string;
    try {
      ({
        data: { name: label },
      } = await client.rest.issues.getLabel({ owner: ref.owner, repo: ref.repo, name }));
    } catch (error) {
      if (gitHubError(error).code === 'not-found') return 'missing' as const;
      throw error;
    }
    await client.rest.issues.addLabels({ ...issueParams(ref), labels: [label] });
    return 'added' as const;
  });
  await forgetCached(ISSUE_ROUTE, issueParams(ref));
  return result;
}

export async function closeNotPlanned(
  client: GitHubClient,
  ref: PullRef,
): Promise<Result<unknown>> {
  const result = await attempt(() =>
    client.rest.issues.update({
      ...issueParams(ref),
      state: 'closed',
      state_reason: 'not_planned',
    }),
  );
  await forgetCached(ISSUE_ROUTE, issueParams(ref));
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
