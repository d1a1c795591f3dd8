/**
 * The move jobs in the background: stored one per key in storage.local (survives the worker),
 * run one at a time per key, resumed at start-up and by alarms, retried with backoff.
 */
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import {
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
import { sameListName } from '../process/lists';
import { ok, type Result } from '../result';
import type { TrelloClient } from '../trello/api';
import { joined } from './fixes';

export const JOBS_ALARM = 'process-lens-jobs';
const PREFIX = 'job:';
/** Finished jobs are kept this long, so a page can still show how they ended. */
const KEEP_MS = 14 * 24 * 60 * 60 * 1000;

export interface Clients {
  trello: TrelloClient;
  github: GitHubClient;
}

export function createMoveService(clients: () => Promise<Clients>, now = Date.now) {
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
    let labels: string[] = [];
    const ref = (r: MoveRequest) => ({ owner: r.owner, repo: r.repo, number: r.number });
    return {
      now,
      save,
      async readIssue(request) {
        const read = await readIssueForCard(github, ref(request));
        if (read.ok) labels = read.value.labels;
        return read;
      },
      issueLabels: async () => ok(labels),
      async findCardWithAttachment(list, url) {
        const cards = await trello.listCardsWithAttachments(list);
        if (!cards.ok) return cards;
        const card = cards.value.find((c) => c.attachments.some((a) => a.url === url));
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

  function schedule(at: number): void {
    // Alarms survive the worker (Chrome may round short delays up to 30 s); a timer is quicker while it lives.
    void browser.alarms.create(JOBS_ALARM, { when: Math.max(at, now() + 1000) });
    setTimeout(() => void resume(), Math.max(at - now(), 0) + 50);
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
    /** Starts a job, or joins the unfinished one for the same issue (double clicks, two tabs). */
    async start(request: MoveRequest, pageUser: string | undefined): Promise<Result<MoveJob>> {
      return joined(`start:${jobKey(request)}`, async () => {
        const existing = await load(jobKey(request));
        if (existing && !isFinished(existing)) {
          if (existing.status === 'running') void run(existing);
          return ok(existing);
        }
        const user = await checkTokenUser((await clients()).github, pageUser);
        if (!user.ok) return user;
        const job = newJob(request, now());
        await save(job);
        void run(job);
        return ok(job);
      });
    },
    /** Starts (or joins) and waits for the end or the first wait. */
    async startAndWait(
      request: MoveRequest,
      pageUser: string | undefined,
    ): Promise<Result<MoveJob>> {
      const started = await this.start(request, pageUser);
      if (!started.ok) return started;
      return run((await load(started.value.key)) ?? started.value);
    },
    status: (key: string) => load(key),
    async retry(key: string): Promise<Result<MoveJob | null>> {
      const job = await load(key);
      if (!job || job.status === 'done') return ok(job);
      const again = { ...job, attempts: 0, status: 'running' as const, retryAt: undefined };
      await save(again);
      void run(again);
      return ok(again);
    },
    resume,
  };
}

export type MoveService = ReturnType<typeof createMoveService>;
