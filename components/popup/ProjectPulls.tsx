import { useEffect, useState } from 'react';
import { send } from '../../utils/messaging';
import { cardUrl } from '../../utils/process/links';
import type { TeamIssue } from '../../utils/process/team-issues';
import {
  drafts,
  type TeamPull,
  waitingFor,
  waitingForReview,
  withoutCard,
} from '../../utils/process/team-pulls';
import { UNDO_SHOWN_MS } from '../hint-ui';

/**
 * A project's pull requests and issues in the popup: those waiting for review (oldest first),
 * those no card links (with "Create card" when the repository has a board), the drafts, and the
 * issues to move to a card. Page text is rendered as text only.
 */
export function ProjectPulls({
  pulls,
  issues = [],
  now,
  canCreateCard,
  marker,
}: {
  pulls: readonly TeamPull[];
  issues?: readonly TeamIssue[];
  now: number;
  /** Whether "Create card" can write for this pull request (its repository has a board). */
  canCreateCard: (pull: TeamPull) => boolean;
  /** The project's board short link, or "other" for repositories with no board. */
  marker: string;
}) {
  const waiting = waitingForReview(pulls);
  const noCard = withoutCard(pulls);
  const inProgress = drafts(pulls);
  if (!waiting.length && !noCard.length && !inProgress.length && !issues.length) return null;
  return (
    <div className="project-github" data-project-github={marker}>
      {waiting.length > 0 && (
        <>
          <h3>Waiting for review</h3>
          <ul data-waiting-review="">
            {waiting.map((pull) => (
              <li key={pull.url} className="sev-warn">
                <PullLink pull={pull} /> by @{pull.author}, {waitingFor(pull, now)} (
                {pull.status.approvals.length} of {pull.status.required} approvals)
              </li>
            ))}
          </ul>
        </>
      )}
      {noCard.length > 0 && (
        <>
          <h3>No card</h3>
          <ul data-no-card="">
            {noCard.map((pull) => (
              <li key={pull.url}>
                <PullLink pull={pull} /> by @{pull.author}{' '}
                {canCreateCard(pull) ? (
                  <CreateCard pull={pull} />
                ) : (
                  <span>(map its repository to a board in the options to create a card)</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {inProgress.length > 0 && (
        <>
          <h3>Drafts</h3>
          <ul data-drafts="">
            {inProgress.map((pull) => (
              <li key={pull.url}>
                <PullLink pull={pull} /> by @{pull.author}: draft, work in progress
              </li>
            ))}
          </ul>
        </>
      )}
      {issues.length > 0 && (
        <>
          <h3>Issues to move to a card</h3>
          <ul data-issues-to-move="">
            {issues.map((issue) => (
              <li key={issue.url}>
                <a href={issue.url} target="_blank" rel="noopener noreferrer">
                  #{issue.number} {issue.title}
                </a>{' '}
                ({issue.why})
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function PullLink({ pull }: { pull: TeamPull }) {
  return (
    <a href={pull.url} target="_blank" rel="noopener noreferrer">
      {pull.repo}#{pull.number} {pull.title}
    </a>
  );
}

/**
 * The PR page's "Create card", from the popup: the same background job. The row stays, with the
 * new card's link, until the next refresh counts it; "Undo" is offered for a few seconds.
 */
function CreateCard({ pull }: { pull: TeamPull }) {
  const [state, setState] = useState<
    | { kind: 'idle'; message?: string }
    | { kind: 'running' }
    | { kind: 'done'; card: string; undo?: string; undoing?: boolean; message?: string }
    | { kind: 'failed'; message: string }
  >({ kind: 'idle' });
  const undoOffered = state.kind === 'done' ? state.undo : undefined;
  useEffect(() => {
    if (!undoOffered) return;
    const withdraw = setTimeout(
      () =>
        setState((now) =>
          now.kind === 'done' && !now.undoing ? { ...now, undo: undefined } : now,
        ),
      UNDO_SHOWN_MS,
    );
    return () => clearTimeout(withdraw);
  }, [undoOffered]);
  if (state.kind === 'done') {
    const takeBack = async (id: string) => {
      setState({ ...state, undoing: true });
      const answer = await send({ type: 'undo.take', id });
      if (!answer.ok) return setState({ ...state, undoing: false, message: answer.error.message });
      setState({ kind: 'idle', message: answer.value.message });
    };
    const { undo } = state;
    return (
      <span role="status">
        Card created:{' '}
        <a href={cardUrl(state.card)} target="_blank" rel="noopener noreferrer">
          {cardUrl(state.card)}
        </a>
        {state.message && ` ${state.message}`}{' '}
        {undo && (
          <button
            type="button"
            data-process-action="undo"
            disabled={state.undoing}
            onClick={() => void takeBack(undo)}
          >
            {state.undoing ? 'Undoing…' : 'Undo'}
          </button>
        )}
      </span>
    );
  }
  const create = async () => {
    setState({ kind: 'running' });
    const answer = await send({
      type: 'github.createCardForPull',
      owner: pull.owner,
      repo: pull.repo,
      number: pull.number,
    });
    if (!answer.ok) return setState({ kind: 'failed', message: answer.error.message });
    setState({ kind: 'done', card: answer.value.shortLink, undo: answer.value.undo });
  };
  return (
    <>
      <button
        type="button"
        data-process-action="create-card-for-pr"
        disabled={state.kind === 'running'}
        onClick={() => void create()}
        title="Writes a card in the repository’s board › In progress, with this pull request attached, and a comment on the pull request linking the card"
      >
        {state.kind === 'running' ? 'Creating…' : 'Create card'}
      </button>
      {state.kind === 'failed' && <span role="alert"> {state.message}</span>}
      {state.kind === 'idle' && state.message && <span role="status"> {state.message}</span>}
    </>
  );
}
