/**
 * The move jobs in the background: stored one per key in storage.local (survives the worker),
 * run one at a time per key, resumed at start-up and by alarms, retried with backoff.
 */
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import {
  addExistingLabel,
  addIssueComment,
  checkTokenUser,
  closeNotPlanned,
  issueCommentBodies,
  readIssueForCard,
} from '../github/issue-ops';
import {
  advance,
  isFinished,
  jobKey,
  type MoveEffects,
  type MoveJob,
  type MoveRequest,
  newJob,
} from '../jobs/move-job';
import { cardLinksTo, cardMarkersIn } from '../process/links';
import { sameListName } from '../process/list-roles';
import { ok, type Result } from '../result';
import type { TrelloClient } from '../trello/client';
import { joined } from './fixes';

export const JOBS_ALARM = 'process-lens-jobs';
const PREFIX = 'job:';
/** Finished jobs are kept this long, so a page can still show how they ended. */
const KEEP_MS = 14 * 24 * 60 * 60 * 1000;

export interface Clients {
  trello: TrelloClient;
  github: GitHubClient;
}

/**
 * The answer to "move this issue": its job (new, or the one already running), or the card it is
 * already on (a finished move, or our marker comment on the issue): no second card.
 */
export type MoveStart = { kind: 'job'; job: MoveJob } | { kind: 'existing'; card: string };

/** Runs `wake` after `ms` while the worker lives (alarms cover the rest). */
export type Timer = (wake: () => void, ms: number) => void;

export function createMoveService(
  clients: () => Promise<Clients>,
  now = Date.now,
  timer: Timer = (wake, ms) => void setTimeout(wake, ms),
) {
  const storeKey = (key: string) => `${PREFIX}${key}`;

  async function load(key: string): Promise<MoveJob | null> {
    return (
      ((await browser.storage.local.get(storeKey(key)))[storeKey(key)] as MoveJob | undefined) ??
      null
    );
  }
  async function save(job: MoveJob): Promise<void> {
    await browser.storage.local.set({ [storeKey(job.key)]: job });
  }
  async function all(): Promise<MoveJob[]> {
    const stored = await browser.storage.local.get(null);
    return Object.entries(stored)
      .filter(([name]) => name.startsWith(PREFIX))
      .map(([, job]) => job as MoveJob);
  }

  function effects({ trello, github }: Clients): MoveEffects {
    const ref = (r: MoveRequest) => ({ owner: r.owner, repo: r.repo, number: r.number });
    return {
      now,
      save,
      readIssue: (request) => readIssueForCard(github, ref(request)),
      async findCardForIssue(board, url) {
        const cards = await trello.openCardsWithLinks(board);
        if (!cards.ok) return cards;
        const card = cards.value.find((c) => cardLinksTo(c, url));
        return ok(card ? { id: card.id, shortLink: card.shortLink } : null);
      },
      createCard: (list, content, url, idLabels) =>
        trello.createCard(list, content.name, content.desc, url, idLabels),
      async getCard(shortLink) {
        const card = await trello.cardWithAttachments(shortLink);
        return card.ok
          ? ok({
              id: card.value.id,
              shortLink: card.value.shortLink,
              attachments: card.value.attachments.map((a) => a.url),
            })
          : card;
      },
      attach: (card, url) => trello.attach(card, url),
      async matchLabels(board, names) {
        const boardLabels = await trello.boardLabels(board);
        if (!boardLabels.ok) return boardLabels;
        return ok(
          boardLabels.value
            .filter((l) => names.some((n) => sameListName(n, l.name)))
            .map((l) => l.id),
        );
      },
      cardComments: (card) => trello.allComments(card),
      addCardComment: (card, text) => trello.addComment(card, text),
      issueComments: (request) => issueCommentBodies(github, ref(request)),
      addIssueComment: (request, body) => addIssueComment(github, ref(request), body),
      addLabel: (request, name) => addExistingLabel(github, ref(request), name),
      closeIssue: (request) => closeNotPlanned(github, ref(request)),
    };
  }

  /** Runs a job to its end or its next wait; concurrent calls for one job join. */
  function run(job: MoveJob): Promise<Result<MoveJob>> {
    return joined(`move:${job.key}`, async () => {
      const finished = await advance(job, effects(await clients()));
      if (finished.status === 'waiting') schedule(finished.retryAt ?? now());
      return ok(finished);
    });
  }

  /** Alarm updates, one after the other (each reads the alarm before it may replace it). */
  let alarmSet = Promise.resolve();

  /**
   * Wakes the jobs at `at`. Alarms survive the worker (Chrome may round short delays up to 30 s);
   * a timer is quicker while it lives. One alarm serves every job: it keeps the earliest time
   * (each resume schedules the next one).
   */
  function schedule(at: number): void {
    const when = Math.max(at, now() + 1000);
    alarmSet = alarmSet
      .then(async () => {
        const alarm = await browser.alarms.get(JOBS_ALARM);
        if (!alarm || alarm.scheduledTime > when || alarm.scheduledTime < now())
          await browser.alarms.create(JOBS_ALARM, { when });
      })
      .catch(() => {}); // the timer below still runs; the next schedule tries again
    timer(() => void resume(), Math.max(at - now(), 0) + 50);
  }

  async function resume(): Promise<void> {
    const jobs = await all();
    const stale = jobs.filter((job) => isFinished(job) && now() - job.updatedAt > KEEP_MS);
    if (stale.length) await browser.storage.local.remove(stale.map((job) => storeKey(job.key)));
    for (const job of jobs) {
      if (job.status === 'running' || (job.status === 'waiting' && (job.retryAt ?? 0) <= now()))
        void run(job);
      else if (job.status === 'waiting') schedule(job.retryAt ?? now());
    }
  }

  return {
    /**
     * Starts a job, or joins the unfinished one for the same issue (double clicks, two tabs). An
     * issue already on a card (a finished move, or our marker in its comments) gets that card.
     */
    async start(request: MoveRequest, pageUser: string | undefined): Promise<Result<MoveStart>> {
      return joined(`start:${jobKey(request)}`, async (): Promise<Result<MoveStart>> => {
        const existing = await load(jobKey(request));
        if (existing && !isFinished(existing)) {
          if (existing.status === 'running') void run(existing);
          return ok({ kind: 'job', job: existing });
        }
        if (existing?.status === 'done' && existing.card)
          return ok({ kind: 'existing', card: existing.card.shortLink });
        const { github } = await clients();
        const user = await checkTokenUser(github, pageUser);
        if (!user.ok) return user;
        const comments = await issueCommentBodies(github, request);
        if (!comments.ok) return comments;
        const [marked] = cardMarkersIn(comments.value);
        if (marked) return ok({ kind: 'existing', card: marked });
        const job = newJob(request, now());
        await save(job);
        void run(job);
        return ok({ kind: 'job', job });
      });
    },
    /** Starts (or joins) and waits for the end or the first wait. */
    async startAndWait(
      request: MoveRequest,
      pageUser: string | undefined,
    ): Promise<Result<MoveStart>> {
      const started = await this.start(request, pageUser);
      if (!started.ok || started.value.kind === 'existing') return started;
      const finished = await run((await load(started.value.job.key)) ?? started.value.job);
      return finished.ok ? ok({ kind: 'job', job: finished.value }) : finished;
    },
    status: (key: string) => load(key),
    /** Drops a finished job (its card was taken back by Undo): Create card may run again. */
    async forget(key: string): Promise<void> {
      const job = await load(key);
      if (job && isFinished(job)) await browser.storage.local.remove(storeKey(key));
    },
    /**
     * Runs a failed or waiting job again now, except while a rate limit holds: then it keeps its
     * time (retrying early would only earn another 429).
     */
    async retry(key: string): Promise<Result<MoveJob | null>> {
      const job = await load(key);
      if (!job || job.status === 'done') return ok(job);
      if (
        job.status === 'waiting' &&
        job.error?.code === 'rate-limited' &&
        (job.retryAt ?? 0) > now()
      ) {
        schedule(job.retryAt ?? now());
        return ok(job);
      }
      const again = { ...job, attempts: 0, status: 'running' as const, retryAt: undefined };
      await save(again);
      void run(again);
      return ok(again);
    },
    resume,
  };
}

export type MoveService = ReturnType<typeof createMoveService>;
