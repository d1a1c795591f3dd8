/**
 * The "Move issue to Trello card" dialog (rendered in the GitHub content script). Over 250 lines:
 * one form whose choices load in turn (boards, lists, the proposed board); the job's progress is
 * move-dialog/MoveProgress.tsx.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { MoveStart } from '../utils/background/moves';
import { cardContent, type IssueForCard } from '../utils/jobs/card-content';
import type { MoveJob } from '../utils/jobs/move-job';
import type { ResponseMap } from '../utils/messages';
import { cardUrl } from '../utils/process/links';
import type { AppError, Result } from '../utils/result';
import { MoveProgress } from './move-dialog/MoveProgress';

export interface MoveIssueApi {
  boards(): Promise<Result<{ name: string; shortLink: string }[]>>;
  /** The board to propose (the repo's board from settings, else the pipeline's), if any. */
  defaultBoard(): Promise<ResponseMap['move.defaultBoard']>;
  lists(board: string): Promise<Result<{ id: string; name: string; role?: string }[]>>;
  start(choice: {
    board: string;
    list: string;
    close: boolean;
    linkCard?: string;
  }): Promise<Result<MoveStart>>;
  status(): Promise<Result<MoveJob | null>>;
  retry(): Promise<Result<MoveJob | null>>;
  openOptions(): void;
  /** The issue is on a card (moved now, or before): show it on its card. */
  finished(): void;
}

/** The issue as the dialog previews it: what the card is made of, and how many comments follow. */
export type IssuePreview = Omit<IssueForCard, 'comments' | 'labels'> & { comments: number };

const FROM: Record<'settings' | 'pipeline', string> = {
  settings: 'the repository’s board in the options',
  pipeline: 'the board of the pipeline card that mentions this repository',
};

const POLL_MS = 400;

/** A card short link from what the user typed (a card URL or the short link itself). */
function cardShortLink(input: string): string | undefined {
  const match = input.trim().match(/^(?:https:\/\/trello\.com\/c\/)?([A-Za-z0-9]{8})(?:[/?#].*)?$/);
  return match?.[1];
}

/** "Move issue to Trello card": board and list, preview, close or keep open, then the job's progress. */
export function MoveIssueDialog(props: {
  issue: IssuePreview;
  api: MoveIssueApi;
  onClose(): void;
}) {
  const { issue, api } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [boards, setBoards] = useState<{ name: string; shortLink: string }[] | AppError | null>(
    null,
  );
  const [board, setBoard] = useState('');
  const [proposed, setProposed] = useState<'settings' | 'pipeline' | null>(null);
  const [lists, setLists] = useState<
    { id: string; name: string; role?: string }[] | AppError | null
  >(null);
  const [list, setList] = useState('');
  const [close, setClose] = useState(true);
  const [linkTo, setLinkTo] = useState('');
  const [job, setJob] = useState<MoveJob | null>(null);
  const [existing, setExisting] = useState<string | null>(null);
  const [startError, setStartError] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  useEffect(() => {
    void Promise.all([api.boards(), api.defaultBoard()]).then(([answer, proposal]) => {
      const chosen = proposal.ok ? proposal.value : null;
      if (!answer.ok) return setBoards(answer.error);
      // A proposed board the member's list lacks is still offered, by its short link.
      const known = answer.value.some((b) => b.shortLink === chosen?.board);
      setBoards(
        chosen && !known
          ? [{ name: chosen.board, shortLink: chosen.board }, ...answer.value]
          : answer.value,
      );
      setProposed(chosen?.from ?? null);
      setBoard((current) => current || chosen?.board || answer.value[0]?.shortLink || '');
    });
    // A job already running for this issue (another tab, a double click): show it.
    void api
      .status()
      .then(
        (answer) =>
          answer.ok && answer.value && answer.value.status !== 'done' && setJob(answer.value),
      );
  }, [api]);

  useEffect(() => {
    if (!board) return;
    setLists(null);
    void api.lists(board).then((answer) => {
      setLists(answer.ok ? answer.value : answer.error);
      if (answer.ok)
        setList(answer.value.find((l) => l.role === 'Unsorted')?.id ?? answer.value[0]?.id ?? '');
    });
  }, [api, board]);

  // Follow the job until it ends or waits.
  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed') {
      if (job?.status === 'done') api.finished();
      return;
    }
    const timer = setTimeout(() => {
      void api.status().then((answer) => answer.ok && answer.value && setJob(answer.value));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, job]);

  // Exactly what the card's description will be (the job makes it the same way).
  const preview = cardContent({ ...issue, comments: [] });
  const linkCard = linkTo.trim() ? cardShortLink(linkTo) : undefined;
  const linkInvalid = linkTo.trim() !== '' && !linkCard;
  const busy = starting || job?.status === 'running';

  async function move() {
    if (!board || !list || linkInvalid) return;
    setStarting(true);
    setStartError(null);
    const answer = await api.start({ board, list, close, ...(linkCard ? { linkCard } : {}) });
    setStarting(false);
    if (!answer.ok) setStartError(answer.error);
    else if (answer.value.kind === 'existing') {
      setExisting(answer.value.card);
      api.finished();
    } else setJob(answer.value.job);
  }

  async function retry() {
    const answer = await api.retry();
    if (answer.ok && answer.value) setJob(answer.value);
  }

  const needsConnection = (error: AppError) =>
    error.code === 'not-connected' || error.code === 'unauthorized';

  return (
    <dialog
      ref={dialog}
      className="move-dialog"
      aria-labelledby={titleId}
      onClose={props.onClose}
      data-move-dialog=""
    >
      <h2 id={titleId}>Move this issue to a Trello card</h2>
      {existing && (
        <div className="progress">
          <p role="status" aria-live="polite" data-move-existing={existing}>
            Already on card {existing}: nothing new was created.
          </p>
          <div className="buttons">
            <a
              className="button primary"
              href={cardUrl(existing)}
              target="_blank"
              rel="noopener noreferrer"
            >
              Open the card
            </a>
            <button type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </div>
      )}
      {!job && !existing && (
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void move();
          }}
        >
          {boards === null && <p aria-busy="true">Loading your boards…</p>}
          {boards && !Array.isArray(boards) && (
            <p role="alert" className="failed">
              {boards.message}{' '}
              {needsConnection(boards) && (
                <button type="button" className="link" onClick={api.openOptions}>
                  Connect Trello in the options
                </button>
              )}
            </p>
          )}
          {Array.isArray(boards) && (
            <>
              <label>
                Board
                <select name="board" value={board} onChange={(e) => setBoard(e.target.value)}>
                  {boards.map((b) => (
                    <option key={b.shortLink} value={b.shortLink}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </label>
              {proposed && <small data-board-from={proposed}>Proposed: {FROM[proposed]}.</small>}
              <label>
                List
                <select
                  name="list"
                  value={list}
                  onChange={(e) => setList(e.target.value)}
                  disabled={!Array.isArray(lists)}
                >
                  {Array.isArray(lists) &&
                    lists.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}
                      </option>
                    ))}
                </select>
              </label>
              {lists && !Array.isArray(lists) && <p className="failed">{lists.message}</p>}
              <label>
                Or link an existing card (URL or short link)
                <input
                  name="linkCard"
                  value={linkTo}
                  onChange={(e) => setLinkTo(e.target.value)}
                  aria-invalid={linkInvalid}
                />
              </label>
              {linkInvalid && <p className="failed">That is not a Trello card link.</p>}
              <label className="check">
                <input
                  type="checkbox"
                  name="close"
                  checked={close}
                  onChange={(e) => setClose(e.target.checked)}
                />
                Close the issue as “not planned” once the card exists
              </label>
              <section className="preview" aria-label="Card preview">
                {linkCard ? (
                  <strong>Card {linkCard}</strong>
                ) : (
                  <>
                    <strong>{preview.name}</strong>
                    {/* A region that scrolls: reached with Tab, so keyboard users can scroll it. */}
                    <pre
                      data-card-description=""
                      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs the keyboard (WCAG 2.1.1)
                      tabIndex={0}
                    >
                      {preview.desc}
                    </pre>
                  </>
                )}
                <p>
                  {issue.comments} {issue.comments === 1 ? 'comment' : 'comments'} copied in order ·
                  the issue link attached
                  {preview.comments.length > 0 &&
                    ' · the rest of the description in the first comments'}
                </p>
              </section>
            </>
          )}
          {startError && (
            <p role="alert" className="failed">
              {startError.message}{' '}
              {needsConnection(startError) && (
                <button type="button" className="link" onClick={api.openOptions}>
                  Open the options
                </button>
              )}
            </p>
          )}
          <div className="buttons">
            <button
              type="submit"
              className="primary"
              disabled={busy || !board || !list || linkInvalid}
            >
              {starting ? 'Starting…' : linkCard ? 'Link the card' : 'Move to Trello'}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {job && (
        <MoveProgress
          job={job}
          close={job.request.close}
          onRetry={() => void retry()}
          onDone={() => dialog.current?.close()}
        />
      )}
    </dialog>
  );
}
