/**
 * The GitHub content script's work: follow Turbo and React navigation, ask the background for the
 * pull request or issue (IDs only), run the rules, place the findings, run the actions.
 */

import { createElement } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ActionState, HintUi } from '../../components/hint-ui';
import { type MoveIssueApi, MoveIssueDialog } from '../../components/MoveIssueDialog';
import { createHintLayer, findingKey, observePage } from '../dom/hint-layer';
import { send } from '../messaging';
import type { Finding } from '../process/findings';
import { cardUrl } from '../process/links';
import { evaluateIssue, evaluatePull } from '../process/rules';
import { pullRowFinding } from '../process/rules/pr-reviews';
import { gitHubLoading } from '../process/rules/source-loading';
import { gitHubUnavailable, SOURCE_UNAVAILABLE } from '../process/rules/source-unavailable';
import type { AppError } from '../result';
import { createSettingsSource } from '../settings/content-source';
import { gitHubAnchors, signedInUser, WATCHED } from './anchors';
import { type GitHubPage, parseGitHubPage } from './pages';
import type { IssueSnapshot } from './snapshot';

const ORPHAN_CHECK_MS = 2_000;
/** GitHub's soft navigations: the URL changes before the new DOM arrives (dom-anchors.md §7). */
const NAVIGATION_EVENTS = ['turbo:render', 'soft-nav:react-done'] as const;

interface PageView {
  findings: Finding[];
  asOf?: number;
  issue?: IssueSnapshot;
}

export function startGitHubHints(ctx: ContentScriptContext): void {
  let page: GitHubPage | undefined;
  let view: PageView = { findings: [] };
  // New settings (required approvals, needs-card labels…) apply without a reload.
  const settings = createSettingsSource(ctx, () => void reevaluate());
  let shownRows = '';
  const actions = new Map<string, ActionState>();
  const layer = createHintLayer(() => (page ? gitHubAnchors(page.owner, page.repo) : () => null));

  const ui: HintUi = {
    actionState: (finding) => actions.get(findingKey(finding)) ?? { state: 'idle' },
    runAction: (finding) => void runAction(finding),
    openOptions: () => void send({ type: 'options.open' }),
    linkFor: () => undefined,
    renderExtra: (finding) =>
      finding.action === 'move-issue-to-card' && moveDialogOpen ? moveDialog() : null,
  };
  let moveDialogOpen = false;
  let movedWhileOpen = false;
  const render = () => layer.show(view.findings, { ...ui, asOf: view.asOf });

  // Turbo replaces <body>: observe the document element.
  const stopObserving = observePage(document.documentElement, WATCHED, () => layer.reconcile());
  ctx.onInvalidated(() => {
    stopObserving();
    layer.destroy();
  });
  ctx.setInterval(() => {}, ORPHAN_CHECK_MS); // lets WXT notice an orphaned script (see Trello)
  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void follow(newUrl.href));
  for (const event of NAVIGATION_EVENTS)
    ctx.addEventListener(document, event, () => void follow(location.href));
  void follow(location.href);

  /** The pull-request numbers of the list rows on screen (IDs, to ask the API about), at most 50. */
  function listRows(target: GitHubPage): string {
    return [
      ...document.querySelectorAll<HTMLAnchorElement>(
        `a[href^="/${target.owner}/${target.repo}/pull/"]`,
      ),
    ]
      .map((a) => Number(a.getAttribute('href')?.split('/pull/')[1]?.match(/^\d+$/)?.[0]))
      .filter((n, i, all) => n > 0 && all.indexOf(n) === i)
      .slice(0, 50)
      .join(',');
  }

  function samePage(a: GitHubPage | undefined, b: GitHubPage | undefined): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  async function follow(url: string, fresh = false): Promise<void> {
    const next = parseGitHubPage(url);
    // Same page, new DOM: re-place (a PR list is read again when other rows arrived).
    if (
      samePage(next, page) &&
      !fresh &&
      !(next?.kind === 'pull-list' && listRows(next) !== shownRows)
    ) {
      return layer.reconcile();
    }
    // The move dialog belongs to the issue it was opened on.
    if (!samePage(next, page)) moveDialogOpen = false;
    page = next;
    actions.clear();
    if (!next) {
      view = { findings: [] };
      return render();
    }
    if (next.kind !== 'pull-list') {
      view = { findings: [gitHubLoading(next)] };
      render();
    }
    const loaded = await viewOf(next);
    if (!samePage(page, next) || ctx.isInvalid) return;
    view = loaded;
    if (!loaded.issue) moveDialogOpen = false; // no issue to move: the read failed
    render();
  }

  /** The same page with the current settings: the background's answers come from its caches. */
  async function reevaluate(): Promise<void> {
    const target = page;
    if (!target) return;
    const loaded = await viewOf(target);
    if (!samePage(page, target) || ctx.isInvalid) return;
    view = loaded;
    render();
  }

  async function viewOf(target: GitHubPage): Promise<PageView> {
    const currentSettings = await settings.get();
    if (target.kind === 'pull') {
      const pull = await send({
        type: 'github.pull',
        owner: target.owner,
        repo: target.repo,
        number: target.number,
      });
      if (!pull.ok) return { findings: [gitHubUnavailable(target, pull.error)] };
      return { findings: evaluatePull(pull.value, currentSettings), asOf: pull.value.fetchedAt };
    }
    if (target.kind === 'issue') {
      const issue = await send({
        type: 'github.issue',
        owner: target.owner,
        repo: target.repo,
        number: target.number,
      });
      if (!issue.ok) return { findings: [gitHubUnavailable(target, issue.error)] };
      return {
        findings: evaluateIssue(issue.value, currentSettings, Date.now()),
        asOf: issue.value.fetchedAt,
        issue: issue.value,
      };
    }
    return pullListView(target);
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

  async function runAction(finding: Finding): Promise<void> {
    const target = page;
    if (!target || target.kind === 'pull-list') return;
    const key = findingKey(finding);
    if (finding.action === 'move-issue-to-card') {
      moveDialogOpen = true;
      movedWhileOpen = false;
      // Clicked while the issue is being read: the dialog opens when it arrives. After a failed
      // read: read it again first.
      if (!view.issue && finding.rule === SOURCE_UNAVAILABLE) return follow(location.href, true);
      return render();
    }
    if (finding.action !== 'create-card-for-pr' || actions.get(key)?.state === 'running') return;
    actions.set(key, { state: 'running' });
    render();
    const answer = await send({
      type: 'github.createCardForPull',
      owner: target.owner,
      repo: target.repo,
      number: target.number,
      pageUser: signedInUser(),
    });
    if (!samePage(page, target)) return;
    if (!answer.ok) {
      actions.set(key, failed(answer.error));
      return render();
    }
    await follow(location.href, true);
    if (!samePage(page, target)) return;
    // Read again, the PR shows its card (pr.on-card): say there that it was just created.
    const onCard = view.findings.find((f) => f.rule === 'pr.on-card');
    const done = {
      state: 'done' as const,
      message: 'Card created:',
      link: cardUrl(answer.value.shortLink),
    };
    actions.set(onCard ? findingKey(onCard) : key, done);
    render();
  }

  /** The move dialog for the issue on screen, talking to the background's job (IDs only). */
  function moveDialog() {
    const target = page;
    const issue = view.issue;
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
        if (movedWhileOpen) void follow(location.href, true);
        else render();
      },
    });
  }
}

function failed(error: AppError): ActionState {
  const needsConnection = error.code === 'not-connected' || error.code === 'unauthorized';
  return {
    state: 'failed',
    message: error.message,
    advice: needsConnection ? 'Fix it in the Process Lens options page.' : 'Try again.',
    needsConnection,
  };
}
