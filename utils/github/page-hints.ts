/**
 * The GitHub adapter of the page runtime (see docs/architecture.md, "Page runtime"): the page is
 * the pull request, issue or pull-request list in the URL, followed through Turbo and React soft
 * navigations; the background reads it (IDs only), the rules check it. A PR list is read again
 * when other rows arrive; an issue's move button opens the move dialog beside its hint.
 */

import { createElement } from 'react';
import { type MoveIssueApi, MoveIssueDialog } from '../../components/MoveIssueDialog';
import type { ActionDone, PageRuntime, SiteAdapter, SiteView } from '../dom/page-runtime';
import { send } from '../messaging';
import type { Finding } from '../process/findings';
import { cardUrl } from '../process/links';
import { evaluateIssue, evaluatePull } from '../process/rules';
import { pullRowFinding } from '../process/rules/pr-reviews';
import { gitHubLoading } from '../process/rules/source-loading';
import { gitHubUnavailable, SOURCE_UNAVAILABLE } from '../process/rules/source-unavailable';
import type { Settings } from '../process/settings';
import type { Result } from '../result';
import { gitHubAnchors, signedInUser, WATCHED } from './anchors';
import { type GitHubPage, parseGitHubPage } from './pages';
import type { IssueSnapshot } from './snapshot';

/**
 * GitHub's soft navigations: the URL changes before the new DOM arrives (see
 * docs/architecture.md, "Page runtime").
 */
const NAVIGATION_EVENTS = ['turbo:render', 'soft-nav:react-done'] as const;

interface PageView extends SiteView {
  issue?: IssueSnapshot;
}

export function gitHubAdapter(
  runtime: PageRuntime<GitHubPage, PageView>,
): SiteAdapter<GitHubPage, PageView> {
  let shownRows = '';
  let moveDialogOpen = false;
  let movedWhileOpen = false;

  return {
    // Turbo replaces <body>: observe the document element.
    observed: () => document.documentElement,
    watched: WATCHED,
    navigationEvents: NAVIGATION_EVENTS,
    pageOf: (url) => parseGitHubPage(url),
    anchors: (page) => (page ? gitHubAnchors(page.owner, page.repo) : () => null),
    loading: (page) => (page.kind !== 'pull-list' ? gitHubLoading(page) : undefined),
    // New settings (required approvals, needs-card labels…) apply without a reload.
    load: async (page, { settings }) => viewOf(page, await settings.get()),
    // Same page, new DOM: re-place (a PR list is read again when other rows arrived).
    revisit: (page) =>
      page?.kind === 'pull-list' && listRows(page) !== shownRows ? 're-read' : 're-place',
    // The move dialog belongs to the issue it was opened on.
    entered: () => {
      moveDialogOpen = false;
    },
    shown: (_page, view, { navigated }) => {
      if (navigated && !view.issue) moveDialogOpen = false; // no issue to move: the read failed
    },
    intercept: (finding, page) => {
      if (page.kind === 'pull-list') return true;
      if (finding.action === 'move-issue-to-card') {
        openMoveDialog(finding);
        return true;
      }
      return finding.action !== 'create-card-for-pr';
    },
    perform: (_finding, page) => createCardForPull(page),
    connection: { advice: 'Fix it in the Process Lens options page.' },
    renderExtra: (finding) =>
      finding.action === 'move-issue-to-card' && moveDialogOpen ? moveDialog() : null,
  };

  async function viewOf(target: GitHubPage, currentSettings: Settings): Promise<PageView> {
    if (target.kind === 'pull-list') return pullListView(target);
    const ref = { owner: target.owner, repo: target.repo, number: target.number };
    if (target.kind === 'pull') {
      const pull = await send({ type: 'github.pull', ...ref });
      if (!pull.ok) return { findings: [gitHubUnavailable(target, pull.error)] };
      return { findings: evaluatePull(pull.value, currentSettings), asOf: pull.value.fetchedAt };
    }
    const issue = await send({ type: 'github.issue', ...ref });
    if (!issue.ok) return { findings: [gitHubUnavailable(target, issue.error)] };
    return {
      findings: evaluateIssue(issue.value, currentSettings, Date.now()),
      asOf: issue.value.fetchedAt,
      issue: issue.value,
    };
  }

  /** A badge per row (k of N): the rows on screen, at most 50, one request per PR per minute at most. */
  async function pullListView(
    target: Extract<GitHubPage, { kind: 'pull-list' }>,
  ): Promise<PageView> {
    shownRows = listRows(target);
    const numbers = shownRows ? shownRows.split(',').map(Number) : [];
    if (numbers.length === 0) return { findings: [] };
    const answer = await send({
      type: 'github.pullStatuses',
      pulls: numbers.map((number) => ({ owner: target.owner, repo: target.repo, number })),
    });
    if (!answer.ok) return { findings: [gitHubUnavailable(target, answer.error)] };
    const findings = answer.value.flatMap((status, i): Finding[] => {
      const number = numbers[i] as number;
      if (!status.ok) {
        return [
          {
            ...gitHubUnavailable({ ...target, kind: 'pull', number }, status.error),
            anchor: { kind: 'pr-row', number },
          },
        ];
      }
      return [pullRowFinding(target.owner, target.repo, number, status.value)];
    });
    return {
      findings,
      asOf: Math.min(...answer.value.map((s) => (s.ok ? s.value.fetchedAt : Date.now()))),
    };
  }

  function openMoveDialog(finding: Finding): void {
    moveDialogOpen = true;
    movedWhileOpen = false;
    // Clicked while the issue is being read: the dialog opens when it arrives. After a failed
    // read: read it again first.
    if (!runtime.view().issue && finding.rule === SOURCE_UNAVAILABLE)
      void runtime.follow(location.href, true);
    else runtime.render();
  }

  /** The move dialog for the issue on screen, talking to the background's job (IDs only). */
  function moveDialog() {
    const target = runtime.page();
    const issue = runtime.view().issue;
    if (target?.kind !== 'issue' || !issue) return null;
    const ref = { owner: target.owner, repo: target.repo, number: target.number };
    const api: MoveIssueApi = {
      boards: () => send({ type: 'trello.boards' }),
      defaultBoard: () => send({ type: 'move.defaultBoard', owner: ref.owner, repo: ref.repo }),
      lists: (board) => send({ type: 'trello.lists', board }),
      start: (choice) => send({ type: 'move.start', ...ref, ...choice, pageUser: signedInUser() }),
      status: () => send({ type: 'move.status', ...ref }),
      retry: () => send({ type: 'move.retry', ...ref }),
      openOptions: () => void send({ type: 'options.open' }),
      finished: () => {
        movedWhileOpen = true;
      },
    };
    return createElement(MoveIssueDialog, {
      issue: {
        title: issue.title,
        url: issue.url,
        body: issue.body,
        author: issue.author,
        createdAt: issue.createdAt,
        comments: issue.comments.length,
      },
      api,
      onClose: () => {
        moveDialogOpen = false;
        // Once moved, the issue shows its card (issue.on-card).
        if (movedWhileOpen) void runtime.follow(location.href, true);
        else runtime.render();
      },
    });
  }
}

/** The pull-request numbers of the list rows on screen (IDs, to ask the API about), at most 50. */
export function listRows(
  target: Extract<GitHubPage, { kind: 'pull-list' }>,
  root: ParentNode = document,
): string {
  return [
    ...root.querySelectorAll<HTMLAnchorElement>(`a[href^="/${target.owner}/${target.repo}/pull/"]`),
  ]
    .map((a) => Number(a.getAttribute('href')?.split('/pull/')[1]?.match(/^\d+$/)?.[0]))
    .filter((n, i, all) => n > 0 && all.indexOf(n) === i)
    .slice(0, 50)
    .join(',');
}

/** Creates the pull request's card; the page is then read again and its card hint says so. */
export async function createCardForPull(target: GitHubPage): Promise<Result<ActionDone>> {
  if (target.kind === 'pull-list') return unavailableHere;
  const answer = await send({
    type: 'github.createCardForPull',
    owner: target.owner,
    repo: target.repo,
    number: target.number,
    pageUser: signedInUser(),
  });
  if (!answer.ok) return answer;
  return {
    ok: true,
    value: {
      message: 'Card created:',
      link: cardUrl(answer.value.shortLink),
      readAgain: 'reopen',
      ...(answer.value.undo ? { undo: answer.value.undo } : {}),
      // Read again, the PR shows its card (pr.on-card): say there that it was just created.
      messageOn: (findings) => findings.find((f) => f.rule === 'pr.on-card'),
    },
  };
}

const unavailableHere: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'This action is not available here.' },
};
