/**
 * What each message type does in the background. Secrets are read here and never leave:
 * answers carry data and identities, never tokens.
 */
import { browser } from 'wxt/browser';
import { createGitHubClient, whoAmI } from '../github/client';
import { readIssue, readPull, readPullStatuses } from '../github/data';
import { readTeamSettings } from '../github/team-settings';
import { jobKey } from '../jobs/move-job';
import { boardForRepo, boardFromPipeline } from '../process/boards';
import { findCardLinking } from '../process/links';
import { LIST_ROLES, sameListName } from '../process/lists';
import { countReviews } from '../process/reviews';
import { type CardPull, cardPullFindings } from '../process/rules/card-pull';
import { linkedBoards } from '../process/rules/pipeline-links';
import { formatDay } from '../process/time';
import { fail, ok } from '../result';
import { loadSecrets, loadSettings } from '../storage';
import type { TrelloClient } from '../trello/client';
import type { BoardSnapshot, TrelloMember } from '../trello/snapshot';
import { trelloClient } from './clients';
import { addMissingLists, markPipelineReviewed } from './fixes';
import type { MoveService } from './moves';
import { gatherMyDay } from './my-day';
import type { Handlers } from './router';
import { createSnapshotCache, SNAPSHOT_TTL_MS } from './snapshot-cache';
import {
  computeSummary,
  LAST_SUMMARY_KEY,
  type StatusSummary,
  showBadge,
  withMyDay,
} from './summary';

/** The options page with a pipeline board to offer (`?pipelineBoard=AbCd1234`). */
export function optionsUrlWithPipeline(board: string): string {
  return `${browser.runtime.getURL('/options.html')}?${new URLSearchParams({ pipelineBoard: board })}`;
}

export function createHandlers(moves: MoveService, now = Date.now): Handlers {
  const snapshots = createSnapshotCache(now);

  async function github() {
    const [{ settings }, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
    return { settings, client: createGitHubClient(secrets.githubToken) };
  }

  /** A board snapshot through the token path, at most one read per 30 s per board. */
  async function readBoard(
    board: string,
    attachments: boolean,
    fresh: boolean,
    given?: TrelloClient,
  ) {
    const cached = fresh ? undefined : await snapshots.get(board, attachments);
    if (cached) return ok(cached);
    const client = given ?? (await trello()).client;
    const result = await client.boardSnapshot(board, { attachments }, now);
    if (result.ok) await snapshots.put(board, attachments, result.value);
    return result;
  }

  /** Who the Trello token is: asked once per browser session (members routes have a tight limit). */
  async function trelloMe(client: TrelloClient) {
    const cached = (await browser.storage.session.get('trello:me'))['trello:me'] as
      | TrelloMember
      | undefined;
    if (cached) return ok(cached);
    const me = await client.me();
    if (me.ok) await browser.storage.session.set({ 'trello:me': me.value });
    return me;
  }

  async function trello() {
    const [{ settings }, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
    return {
      settings,
      client: trelloClient(settings.trello.apiKey, secrets.trelloToken),
    };
  }

  return {
    async 'settings.get'() {
      return ok((await loadSettings()).settings);
    },

    'board.snapshot': ({ board, attachments = false, fresh = false }) =>
      readBoard(board, attachments, fresh),

    async 'board.cached'({ board, attachments = false }) {
      return ok((await snapshots.get(board, attachments, 'session')) ?? null);
    },

    async 'board.remember'({ snapshot, attachments = false }) {
      const age = now() - snapshot.fetchedAt;
      // Only a fresh read is worth keeping (and a clock in the future is not one).
      if (age < -5_000 || age >= SNAPSHOT_TTL_MS) return ok(null);
      await snapshots.put(snapshot.shortLink, attachments, snapshot);
      return ok(null);
    },

    async 'status.summary'() {
      const { client, settings } = await trello();
      const secrets = await loadSecrets();
      const connected = Boolean(settings.trello.apiKey && secrets.trelloToken);
      // Each board once per refresh: the summary and "my day" share the reads, failed ones too.
      const reads = new Map<string, ReturnType<typeof readBoard>>();
      const read = (board: string, attachments: boolean) => {
        const key = `${board}${attachments ? '+attachments' : ''}`;
        const pending = reads.get(key) ?? readBoard(board, attachments, false, client);
        reads.set(key, pending);
        return pending;
      };
      const github = createGitHubClient(secrets.githubToken);
      const pullFindings = async (snapshot: BoardSnapshot, links: readonly CardPull[]) => {
        const required = settings.process.requiredApprovals;
        const pulls = links.map((link) => link.pull);
        const statuses = await readPullStatuses(github, pulls, required, countReviews, now);
        return cardPullFindings(snapshot.shortLink, links, statuses);
      };
      const previous = (await browser.storage.local.get(LAST_SUMMARY_KEY))[LAST_SUMMARY_KEY] as
        | StatusSummary
        | undefined;
      let summary = await computeSummary(settings, connected, read, now(), pullFindings, previous);
      if (!summary.setup) {
        const watched = [
          ...new Set([...settings.trello.boards, ...Object.values(settings.github.boardForRepo)]),
        ];
        const boards = (await Promise.all(watched.map((board) => read(board, false)))).flatMap(
          (r) => (r.ok ? [r.value] : []),
        );
        const { myDay, push } = await gatherMyDay({
          settings,
          boards,
          trelloMe: await trelloMe(client),
          github: secrets.githubToken ? github : undefined,
          now: now(),
        });
        // With a token, GitHub always says when the user last pushed, unless it could not be read.
        const githubFailed = Boolean(secrets.githubToken) && push === undefined;
        summary = withMyDay(summary, myDay, push, previous, githubFailed);
      }
      await browser.storage.local.set({ [LAST_SUMMARY_KEY]: summary });
      await showBadge(summary);
      return ok(summary);
    },

    async 'trello.pipelineBoards'() {
      const { settings, client } = await trello();
      const pipeline = settings.trello.pipelineBoard;
      if (!pipeline) return fail('not-found', 'Choose the Project Pipeline board first.');
      const snapshot = await readBoard(pipeline, true, false, client);
      if (!snapshot.ok) return snapshot;
      return ok(
        [...new Set(snapshot.value.cards.flatMap((card) => [...linkedBoards(card)]))].filter(
          (b) => b !== pipeline,
        ),
      );
    },

    async 'github.teamSettings'({ owner, repo }) {
      return readTeamSettings((await github()).client, owner, repo);
    },

    async 'board.addMissingLists'({ board }) {
      const { client, settings } = await trello();
      const result = await addMissingLists(client, board, settings);
      await snapshots.forget(board);
      return result;
    },

    async 'pipeline.markReviewed'({ board }) {
      const { client, settings } = await trello();
      const me = await client.me();
      if (!me.ok) return me;
      const day = formatDay(now(), settings.process.techCall.timeZone);
      const result = await markPipelineReviewed(client, board, me.value.username, now(), day);
      await snapshots.forget(board);
      return result;
    },

    async 'options.open'({ pipelineBoard }) {
      if (!pipelineBoard) await browser.runtime.openOptionsPage();
      else await browser.tabs.create({ url: optionsUrlWithPipeline(pipelineBoard) });
      return ok(null);
    },

    async 'github.pull'({ owner, repo, number }) {
      const { client, settings } = await github();
      const pull = await readPull(client, { owner, repo, number }, now);
      if (!pull.ok) return pull;
      // A card of the repository's board that links this PR also counts, whatever its list
      // (needs Trello connected): the board's cached snapshot, with the cards' attachments.
      const board = boardForRepo(settings, { owner, repo });
      if (!board) return pull;
      const snapshot = await readBoard(board, true, false);
      const card = snapshot.ok ? findCardLinking(snapshot.value, pull.value.url) : undefined;
      return ok({
        ...pull.value,
        boardCard: snapshot.ok ? (card?.shortLink ?? null) : undefined,
        cardBoard: { shortLink: board, name: snapshot.ok ? snapshot.value.name : '' },
      });
    },

    async 'github.issue'({ owner, repo, number }) {
      return readIssue((await github()).client, { owner, repo, number }, now);
    },

    async 'github.pullStatuses'({ pulls }) {
      const { client, settings } = await github();
      const required = settings.process.requiredApprovals;
      return ok(await readPullStatuses(client, pulls, required, countReviews, now));
    },

    async 'github.createCardForPull'({ owner, repo, number, pageUser }) {
      const { client, settings } = await trello();
      const board = boardForRepo(settings, { owner, repo });
      if (!board) {
        return fail(
          'not-connected',
          `No Trello board is mapped to ${owner}/${repo}: add the mapping in the options page.`,
        );
      }
      const lists = await client.openLists(board);
      if (!lists.ok) return lists;
      const inProgress = lists.value.find((l) => sameListName(l.name, LIST_ROLES.inProgress));
      if (!inProgress)
        return fail(
          'not-found',
          'The repository’s board has no “In progress” list: add the missing lists first.',
        );
      const request = {
        kind: 'pull' as const,
        owner,
        repo,
        number,
        board,
        list: inProgress.id,
        close: false,
        copyComments: false,
      };
      const started = await moves.startAndWait(request, pageUser);
      await snapshots.forget(board); // the next read of the PR sees its new card
      if (!started.ok) return started;
      if (started.value.kind === 'existing') return ok({ shortLink: started.value.card });
      const { job } = started.value;
      if (job.status === 'done' && job.card) return ok({ shortLink: job.card.shortLink });
      const error = job.error ?? {
        code: 'internal' as const,
        message: 'The card is not made yet.',
      };
      return fail(error.code, error.message, job.retryAt ? { retryAt: job.retryAt } : {});
    },

    async 'trello.boards'() {
      const boards = await (await trello()).client.myBoards();
      return boards.ok
        ? ok(boards.value.map(({ name, shortLink }) => ({ name, shortLink })))
        : boards;
    },

    async 'trello.lists'({ board }) {
      const lists = await (await trello()).client.openLists(board);
      return lists.ok
        ? ok([...lists.value].sort((a, b) => a.pos - b.pos).map(({ id, name }) => ({ id, name })))
        : lists;
    },

    async 'move.start'({ owner, repo, number, board, list, close, linkCard, pageUser }) {
      const { settings } = await loadSettings();
      const closeLabel = settings.github.closeLabel;
      const request = {
        kind: 'issue' as const,
        owner,
        repo,
        number,
        board,
        list,
        close,
        copyComments: true,
        linkCard,
        ...(close && closeLabel ? { closeLabel } : {}),
      };
      return moves.start(request, pageUser);
    },

    async 'move.defaultBoard'({ owner, repo }) {
      const { settings, client } = await trello();
      const mapped = boardForRepo(settings, { owner, repo });
      if (mapped) return ok({ board: mapped, from: 'settings' as const });
      const pipeline = settings.trello.pipelineBoard;
      if (!pipeline) return ok(null);
      const snapshot = await readBoard(pipeline, true, false, client);
      if (!snapshot.ok) return snapshot;
      const linked = boardFromPipeline(snapshot.value, { owner, repo });
      return ok(linked ? { board: linked, from: 'pipeline' as const } : null);
    },

    async 'move.status'({ owner, repo, number }) {
      return ok(await moves.status(jobKey({ owner, repo, number })));
    },

    async 'move.retry'({ owner, repo, number }) {
      return moves.retry(jobKey({ owner, repo, number }));
    },

    async 'connection.test'({ service }) {
      if (service === 'trello') {
        const me = await (await trello()).client.me();
        if (!me.ok) return me;
        const { fullName, username } = me.value;
        return ok({ service, who: fullName ? `${fullName} (@${username})` : `@${username}` });
      }
      const { githubToken } = await loadSecrets();
      if (!githubToken)
        return fail(
          'not-connected',
          'No GitHub token saved: paste a fine-grained token in the options page.',
        );
      const me = await whoAmI(createGitHubClient(githubToken));
      if (!me.ok) return me;
      const { name, login } = me.value;
      return ok({ service, who: name ? `${name} (@${login})` : `@${login}` });
    },
  };
}
