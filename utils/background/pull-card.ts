/**
 * "Create card" for a pull request with no card (`pr.no-card`): an "In progress" card on the
 * repository's board, linked both ways (the PR URL attached to the card; a comment on the PR with
 * the card link and the hidden marker). Every step looks before it writes, so a double click or a
 * retry after a failure leaves one card and one comment.
 */

import type { GitHubClient } from '../github/client';
import { gitHubError } from '../github/client';
import { COMMENTS_ROUTE, commentParams, forgetCached, type Ref } from '../github/data';
import { cardLinksIn, cardMarker } from '../process/links';
import { LIST_ROLES, sameListName } from '../process/lists';
import type { Settings } from '../process/settings';
import { fail, ok, type Result } from '../result';
import type { TrelloClient } from '../trello/api';
import { joined } from './fixes';

export function boardForRepo(settings: Settings, { owner, repo }: Ref): string | undefined {
  const wanted = `${owner}/${repo}`.toLowerCase();
  const entry = Object.entries(settings.github.boardForRepo).find(
    ([name]) => name.toLowerCase() === wanted,
  );
  return entry?.[1];
}

/** The card on the board's "In progress" list (or any process list) that has this PR attached. */
export async function findCardForPull(
  trello: TrelloClient,
  board: string,
  pullUrl: string,
): Promise<Result<string | null>> {
  const lists = await trello.openLists(board);
  if (!lists.ok) return lists;
  const candidates = lists.value.filter((l) =>
    [LIST_ROLES.inProgress, LIST_ROLES.stuck, LIST_ROLES.done].some((name) =>
      sameListName(l.name, name),
    ),
  );
  for (const list of candidates) {
    const cards = await trello.listCardsWithAttachments(list.id);
    if (!cards.ok) return cards;
    const card = cards.value.find((c) => c.attachments.some((a) => sameUrl(a.url, pullUrl)));
    if (card) return ok(card.shortLink);
  }
  return ok(null);
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

export function createCardForPull(
  github: GitHubClient,
  trello: TrelloClient,
  settings: Settings,
  ref: Ref,
  pageUser: string | undefined,
): Promise<Result<{ shortLink: string }>> {
  return joined(`pr-card:${ref.owner}/${ref.repo}#${ref.number}`, async () => {
    const board = boardForRepo(settings, ref);
    if (!board) {
      return fail(
        'not-connected',
        `No Trello board is mapped to ${ref.owner}/${ref.repo}: add the mapping in the options page.`,
      );
    }
    let pullTitle: string;
    let pullUrl: string;
    try {
      const [{ data: me }, { data: pull }] = await Promise.all([
        github.rest.users.getAuthenticated(),
        github.rest.pulls.get({ owner: ref.owner, repo: ref.repo, pull_number: ref.number }),
      ]);
      if (pageUser && me.login.toLowerCase() !== pageUser.toLowerCase()) {
        return fail(
          'forbidden',
          `The GitHub token belongs to @${me.login}, but @${pageUser} is signed in here: nothing was written.`,
        );
      }
      pullTitle = pull.title;
      pullUrl = pull.html_url;
    } catch (error) {
      return { ok: false, error: gitHubError(error) };
    }

    // 1. The card: find before create (the PR URL attached is the durable link).
    const lists = await trello.openLists(board);
    if (!lists.ok) return lists;
    const inProgress = lists.value.find((l) => sameListName(l.name, LIST_ROLES.inProgress));
    if (!inProgress)
      return fail(
        'not-found',
        'The repository’s board has no “In progress” list: add the missing lists first.',
      );
    const existing = await findCardForPull(trello, board, pullUrl);
    if (!existing.ok) return existing;
    let shortLink = existing.value;
    if (!shortLink) {
      const created = await trello.createCard(
        inProgress.id,
        pullTitle,
        `Pull request: ${pullUrl}`,
        pullUrl,
      );
      if (!created.ok) return created;
      shortLink = created.value.shortLink;
    }
    const card = shortLink;

    // 2. The comment on the PR: only if no comment links this card yet.
    try {
      const comments = await github.paginate(github.rest.issues.listComments, {
        owner: ref.owner,
        repo: ref.repo,
        issue_number: ref.number,
        per_page: 100,
      });
      const linked = comments.some((c) => cardLinksIn([c.body ?? '']).includes(card));
      if (!linked) {
        await github.rest.issues.createComment({
          owner: ref.owner,
          repo: ref.repo,
          issue_number: ref.number,
          body: `Trello card: https://trello.com/c/${card}\n\n${cardMarker(card)}`,
          request: { retries: 0 }, // never blindly: a retry re-lists the comments first
        });
      }
    } catch (error) {
      return { ok: false, error: gitHubError(error) };
    } finally {
      await forgetCached(COMMENTS_ROUTE, commentParams(ref));
    }
    return ok({ shortLink: card });
  });
}
