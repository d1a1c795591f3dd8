import type { MoveJob, MoveStep } from '../../utils/jobs/move-job';
import { STEP_LABELS } from '../../utils/jobs/move-job';
import { cardUrl } from '../../utils/process/links';
import { clockTime } from '../../utils/process/time';

const STEPS: MoveStep[] = ['card', 'card-comments', 'github-comment', 'close'];

/** The move job's steps as they pass, its status in words, and Retry or Hide. */
export function MoveProgress({
  job,
  close,
  onRetry,
  onDone,
}: {
  job: MoveJob;
  close: boolean;
  onRetry(): void;
  onDone(): void;
}) {
  const steps = STEPS.filter((step) => step !== 'close' || close);
  const reached = job.step === 'done' ? steps.length : steps.indexOf(job.step);
  // Retrying during a rate limit would only earn another refusal: the job keeps its time.
  const rateLimited = job.status === 'waiting' && job.error?.code === 'rate-limited';
  return (
    <div className="progress">
      <ol>
        {steps.map((step, i) => {
          const state = i < reached ? 'done' : i === reached ? job.status : 'pending';
          return (
            <li key={step} data-step={step} data-state={state}>
              <span aria-hidden="true">
                {state === 'done'
                  ? '✓'
                  : state === 'failed'
                    ? '✕'
                    : state === 'pending'
                      ? '○'
                      : '…'}
              </span>{' '}
              {STEP_LABELS[step]}
            </li>
          );
        })}
      </ol>
      <p role="status" aria-live="polite" data-move-status={job.status}>
        {job.status === 'running' && 'Working…'}
        {job.status === 'done' &&
          job.card &&
          `Done: the issue is on ${cardUrl(job.card.shortLink)}`}
        {job.status === 'waiting' &&
          `${job.error?.message ?? 'Waiting.'} Retrying at ${clockTime(job.retryAt ?? Date.now(), true)} (“${STEP_LABELS[job.error?.step ?? job.step]}”)${rateLimited ? ': it goes on by itself then.' : '.'}`}
        {job.status === 'failed' &&
          `Failed at “${STEP_LABELS[job.error?.step ?? job.step]}”: ${job.error?.message ?? 'unknown error'}`}
      </p>
      {job.notes?.map((note) => (
        <p key={note} className="note" data-move-note="">
          {note}
        </p>
      ))}
      <div className="buttons">
        {(job.status === 'failed' || (job.status === 'waiting' && !rateLimited)) && (
          <button type="button" className="primary" onClick={onRetry}>
            {job.status === 'waiting' ? 'Retry now' : 'Retry'}
          </button>
        )}
        <button type="button" onClick={onDone}>
          {job.status === 'done' ? 'Close' : 'Hide (it goes on in the background)'}
        </button>
      </div>
    </div>
  );
}
