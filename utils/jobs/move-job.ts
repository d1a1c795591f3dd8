/**
 * The durable "issue (or pull request) → Trello card" job (docs/architecture.md, "Writes and
 * jobs"): a journal saved before every side effect, find-before-create on every step, no blind
 * retry of a POST. Over 250 lines: the steps of one state machine, read best in one place.
 * Pure: every effect is injected, so the state machine is tested with a fake clock and failures
 * injected at every step.
 */
import { cardMarker, cardUrl, issueUrl, pullUrl } from '../process/links';
import { type AppError, type ErrorCode, ok, type Result } from '../result';
import { type CardContent, cardContent, commentIdentity, type IssueForCard } from './card-content';

export type MoveStep = 'card' | 'card-comments' | 'github-comment' | 'close' | 'done';

export const STEP_LABELS: Record<MoveStep, string> = {
  card: 'Create the Trello card',
  'card-comments': 'Copy the comments to the card',
  'github-comment': 'Link the card on GitHub',
  close: 'Close the issue',
  done: 'Done',
};

export interface MoveRequest {
  kind: 'issue' | 'pull';
  owner: string;
  repo: string;
  number: number;
  /** Target board (short link) and list (id). */
  board: string;
  list: string;
  /** Close the issue as "not planned" at the end. */
  close: boolean;
  /** Copy the body's continuation and every comment to the card (issues). */
  copyComments: boolean;
  /** Link this existing card (short link) instead of creating one. */
  linkCard?: string;
  /** Add this label (when the repository has it) before closing (`github.closeLabel`). */
  closeLabel?: string;
}

export interface MoveJob {
  key: string;
  request: MoveRequest;
  step: MoveStep;
  status: 'running' | 'waiting' | 'failed' | 'done';
  card?: { id: string; shortLink: string };
  attempts: number;
  error?: { step: MoveStep; code: ErrorCode; message: string };
  retryAt?: number;
  /**
   * A write was sent and its answer not yet seen (journal entry before every side effect). If the
   * worker died meanwhile, the request may still land: wait for it to settle before re-checking.
   */
  inFlight?: { step: MoveStep; since: number };
  /** What the user should know about how it went ("the label does not exist…"). */
  notes?: string[];
  /**
   * What this job wrote itself (not found already there): what Undo may take back
   * (docs/architecture.md, "Writes and jobs"). `comment`: the GitHub comment's id.
   */
  made?: { card?: boolean; comment?: number };
  startedAt: number;
  updatedAt: number;
}

export interface CardRef {
  id: string;
  shortLink: string;
}

/** Everything the job does to the world, injected. */
export interface MoveEffects {
  now(): number;
  save(job: MoveJob): Promise<void>;
  readIssue(request: MoveRequest): Promise<Result<IssueForCard>>;
  /** An open card of the board with the issue URL attached or linked in its description. */
  findCardForIssue(board: string, url: string): Promise<Result<CardRef | null>>;
  createCard(
    list: string,
    content: CardContent,
    url: string,
    labels: string[],
  ): Promise<Result<CardRef>>;
  getCard(shortLink: string): Promise<Result<CardRef & { attachments: string[] }>>;
  attach(card: string, url: string): Promise<Result<unknown>>;
  matchLabels(board: string, names: string[]): Promise<Result<string[]>>;
  cardComments(card: string): Promise<Result<string[]>>;
  addCardComment(card: string, text: string): Promise<Result<unknown>>;
  issueComments(request: MoveRequest): Promise<Result<string[]>>;
  /** Sent once, never retried by itself: the job re-lists the comments before any retry. */
  addIssueComment(request: MoveRequest, body: string): Promise<Result<unknown>>;
  /**
   * Adds the label to the issue unless it is already there; creates nothing when the repository
   * has no such label (answers `missing`). Adding a label twice changes nothing: safe to repeat.
   */
  addLabel(request: MoveRequest, name: string): Promise<Result<'added' | 'already' | 'missing'>>;
  closeIssue(request: MoveRequest): Promise<Result<unknown>>;
}

export const MAX_ATTEMPTS = 5;
/** How long a sent request may still land: the request time-out (utils/http.ts, Octokit). */
export const SETTLE_MS = 15_000;

export function jobKey({
  owner,
  repo,
  number,
}: Pick<MoveRequest, 'owner' | 'repo' | 'number'>): string {
  return `gh:${owner}/${repo}#${number}`.toLowerCase();
}

export function newJob(request: MoveRequest, now: number): MoveJob {
  return {
    key: jobKey(request),
    request,
    step: 'card',
    status: 'running',
    attempts: 0,
    startedAt: now,
    updatedAt: now,
  };
}

export const isFinished = (job: MoveJob) => job.status === 'done' || job.status === 'failed';

/** Waits after a transient failure: 10 s, 20 s, 40 s … capped at 5 min (Trello's 10 s windows). */
export function backoffMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(attempts - 1, 0), 300_000);
}

const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['rate-limited', 'server', 'network', 'timeout']);

/** Runs the job from its current step to the end, or to the first failure (saved either way). */
export async function advance(start: MoveJob, fx: MoveEffects): Promise<MoveJob> {
  if (start.inFlight && fx.now() - start.inFlight.since < SETTLE_MS) {
    const settling: MoveJob = {
      ...start,
      status: 'waiting',
      retryAt: start.inFlight.since + SETTLE_MS,
      error: {
        step: start.inFlight.step,
        code: 'timeout',
        message:
          'A request was under way when Process Lens stopped; it waits for it to land before checking again.',
      },
      updatedAt: fx.now(),
    };
    await fx.save(settling);
    return settling;
  }
  let job: MoveJob = {
    ...start,
    status: 'running',
    retryAt: undefined,
    error: undefined,
    inFlight: undefined,
  };
  await fx.save(job);
  /** Journals the write about to be sent (see `inFlight`). */
  const beforeWrite = async () => {
    job = { ...job, inFlight: { step: job.step, since: fx.now() } };
    await fx.save(job);
  };
  const itemUrl = (job.request.kind === 'pull' ? pullUrl : issueUrl)(job.request);
  let issue: IssueForCard | undefined;
  const needIssue = async (): Promise<Result<IssueForCard>> => {
    if (issue) return { ok: true, value: issue };
    const read = await fx.readIssue(job.request);
    if (read.ok) issue = read.value;
    return read;
  };

  while (job.step !== 'done') {
    const outcome = await runStep(job, fx, itemUrl, needIssue, beforeWrite);
    if (!outcome.ok) return failJob(job, outcome.error, fx);
    job = { ...job, ...outcome.value, inFlight: undefined, updatedAt: fx.now() };
    await fx.save(job); // the journal: what is done is recorded before the next side effect
  }
  job = { ...job, status: 'done', attempts: 0, updatedAt: fx.now() };
  await fx.save(job);
  return job;
}

async function runStep(
  job: MoveJob,
  fx: MoveEffects,
  itemUrl: string,
  needIssue: () => Promise<Result<IssueForCard>>,
  beforeWrite: () => Promise<void>,
): Promise<Result<Partial<MoveJob>>> {
  const { request } = job;
  switch (job.step) {
    case 'card': {
      if (job.card) return { ok: true, value: { step: 'card-comments' } };
      if (request.linkCard) {
        const card = await fx.getCard(request.linkCard);
        if (!card.ok) return card;
        if (!card.value.attachments.some((url) => url === itemUrl)) {
          await beforeWrite();
          const attached = await fx.attach(card.value.id, itemUrl);
          if (!attached.ok) return attached;
        }
        return {
          ok: true,
          value: {
            card: { id: card.value.id, shortLink: card.value.shortLink },
            step: 'card-comments',
          },
        };
      }
      // Find before create, on the whole board: the card may have moved to another list since,
      // or an earlier move (whose journal is gone) put it elsewhere. The issue URL is its mark.
      const found = await fx.findCardForIssue(request.board, itemUrl);
      if (!found.ok) return found;
      if (found.value) return { ok: true, value: { card: found.value, step: 'card-comments' } };
      const read = await needIssue();
      if (!read.ok) return read;
      const names = read.value.labels ?? [];
      const labels = names.length ? await fx.matchLabels(request.board, names) : ok<string[]>([]);
      if (!labels.ok) return labels;
      await beforeWrite();
      const created = await fx.createCard(
        request.list,
        cardContent(read.value),
        itemUrl,
        labels.value,
      );
      if (!created.ok) return created;
      return {
        ok: true,
        value: { card: created.value, made: { ...job.made, card: true }, step: 'card-comments' },
      };
    }
    case 'card-comments': {
      if (!request.copyComments || !job.card)
        return { ok: true, value: { step: 'github-comment' } };
      const read = await needIssue();
      if (!read.ok) return read;
      const planned = cardContent(read.value).comments;
      if (planned.length === 0) return { ok: true, value: { step: 'github-comment' } };
      const existing = await fx.cardComments(job.card.id);
      if (!existing.ok) return existing;
      const there = new Set(existing.value.map(commentIdentity));
      for (const text of planned) {
        if (there.has(commentIdentity(text))) continue;
        await beforeWrite();
        const added = await fx.addCardComment(job.card.id, text);
        if (!added.ok) return added;
      }
      return { ok: true, value: { step: 'github-comment' } };
    }
    case 'github-comment': {
      const card = job.card as CardRef;
      const marker = cardMarker(card.shortLink);
      // Always re-list first: a comment that "failed" with a 500 may well exist.
      const comments = await fx.issueComments(request);
      if (!comments.ok) return comments;
      if (!comments.value.some((body) => body.includes(marker))) {
        const verb = request.kind === 'pull' ? 'Trello card' : 'Moved to Trello';
        await beforeWrite();
        const posted = await fx.addIssueComment(
          request,
          `${verb}: ${cardUrl(card.shortLink)}\n\n${marker}`,
        );
        if (!posted.ok) return posted;
        const comment = commentId(posted.value);
        if (comment !== undefined)
          return {
            ok: true,
            value: { made: { ...job.made, comment }, step: request.close ? 'close' : 'done' },
          };
      }
      return { ok: true, value: { step: request.close ? 'close' : 'done' } };
    }
    case 'close': {
      let notes = job.notes;
      if (request.closeLabel) {
        const labelled = await fx.addLabel(request, request.closeLabel);
        if (!labelled.ok) return labelled;
        if (labelled.value === 'missing')
          notes = [
            `${request.owner}/${request.repo} has no label “${request.closeLabel}”: the issue was closed without it. Create the label in the repository, or change it in the Process Lens options.`,
          ];
      }
      const closed = await fx.closeIssue(request); // PATCH: idempotent
      if (!closed.ok) return closed;
      return { ok: true, value: { step: 'done', ...(notes ? { notes } : {}) } };
    }
    default:
      return { ok: true, value: { step: 'done' } };
  }
}

/** The id in GitHub's answer to a new comment, when it has one. */
function commentId(answer: unknown): number | undefined {
  const id = (answer as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : undefined;
}

/** Records a failed step: waiting for a retry when the error is transient, else failed. */
async function failJob(job: MoveJob, error: AppError, fx: MoveEffects): Promise<MoveJob> {
  const attempts = job.attempts + 1;
  const now = fx.now();
  const transient = TRANSIENT.has(error.code) && attempts < MAX_ATTEMPTS;
  const retryAt = transient ? Math.max(error.retryAt ?? 0, now + backoffMs(attempts)) : undefined;
  const failed: MoveJob = {
    ...job,
    // An answer came back (even a 500): the write's outcome is on the server now. No answer
    // (time-out, network): it may still land, so the next run waits for it to settle.
    inFlight: error.code === 'timeout' || error.code === 'network' ? job.inFlight : undefined,
    attempts,
    status: transient ? 'waiting' : 'failed',
    retryAt,
    error: { step: job.step, code: error.code, message: error.message },
    updatedAt: now,
  };
  await fx.save(failed);
  return failed;
}
