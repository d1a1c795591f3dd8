import { useId, useState } from 'react';
import { choiceQuestion, type Finding, type ListChoice } from '../utils/process/findings';
import { safeLink } from '../utils/process/links';
import { ACTION_LABELS, type ActionState, asOfText, type HintUi } from './hint-ui';

/** Severity is told by shape and by name, not by colour alone. */
const ICON: Record<Finding['severity'], string> = { ok: '✓', info: 'ℹ', warn: '⚠', error: '✕' };
const SEVERITY_NAME: Record<Finding['severity'], string> = {
  ok: 'OK',
  info: 'Note',
  warn: 'Warning',
  error: 'Problem',
};

/**
 * The small badge placed next to a card, list or header; details on hover or keyboard focus.
 * When the finding has a one-click fix, the badge is that button.
 */
export function HintBadge({ finding, ui }: { finding: Finding; ui: HintUi }) {
  const tipId = useId();
  // Escape hides the details until the focus or the pointer leaves (WCAG 1.4.13: dismissible).
  const [dismissed, setDismissed] = useState(false);
  const action = finding.action;
  const state = ui.actionState(finding);
  const label = finding.actionLabel ?? (action && ACTION_LABELS[action]);
  const shown = state.state === 'failed' ? 'error' : finding.severity;
  const title =
    state.state === 'running'
      ? `${label}…`
      : state.state === 'failed'
        ? `${finding.title} — not fixed, see why`
        : finding.title;
  return (
    <>
      {/* A button so keyboard users reach the details too; it never takes focus by itself. */}
      <button
        type="button"
        className={`hint sev-${shown}${action ? ' actionable' : ''}`}
        aria-describedby={tipId}
        aria-busy={state.state === 'running'}
        disabled={state.state === 'running'}
        onClick={action ? () => ui.runAction(finding) : undefined}
        onKeyDown={(event) => event.key === 'Escape' && setDismissed(true)}
        onBlur={() => setDismissed(false)}
        onMouseLeave={() => setDismissed(false)}
      >
        <SeverityIcon severity={shown} />
        <span className="title">{title}</span>
        {action && state.state !== 'running' && <span className="fix">{label}</span>}
      </button>
      {/* Beside the badge, not in its details: the next stop of the keyboard, shown without hover. */}
      <UndoButton finding={finding} ui={ui} state={state} />
      <div className={dismissed ? 'tip dismissed' : 'tip'} id={tipId} role="tooltip">
        <FindingDetails finding={finding} ui={ui} state={state} undoShown />
      </div>
      {ui.renderExtra?.(finding)}
    </>
  );
}

/** A severity's mark: its shape for the eye, its name for screen readers, its colour from the CSS. */
export function SeverityIcon({ severity }: { severity: Finding['severity'] }) {
  return (
    <span className="icon" role="img" aria-label={`${SEVERITY_NAME[severity]}:`}>
      {ICON[severity]}
    </span>
  );
}

/** Message, advice, the process sentence, the fix's state: every string rendered as text. */
export function FindingDetails({
  finding,
  ui,
  state,
  undoShown = false,
}: {
  finding: Finding;
  ui: HintUi;
  state?: ActionState;
  /** The badge shows Undo beside itself already. */
  undoShown?: boolean;
}) {
  const asOf = asOfText(ui.asOf);
  return (
    <>
      <p>{finding.message}</p>
      {finding.link && (
        <p>
          <ExternalLink href={finding.link} />
        </p>
      )}
      {finding.advice && <p className="advice">{finding.advice}</p>}
      {finding.choices?.map((choice) => (
        <ChoiceRow
          key={`${choice.kind}|${choice.role}`}
          finding={finding}
          choice={choice}
          ui={ui}
          busy={state?.state === 'running'}
        />
      ))}
      {finding.sentence && <p className="sentence">Process: “{finding.sentence}”</p>}
      {state?.state === 'done' && (
        <p role="status">
          {state.message} {state.link && <ExternalLink href={state.link} />}{' '}
          {!undoShown && <UndoButton finding={finding} ui={ui} state={state} />}
        </p>
      )}
      {state?.state === 'failed' && (
        <p role="alert" className="failed">
          {state.message} {state.advice}{' '}
          {state.needsConnection && (
            <button type="button" className="link" onClick={() => ui.openOptions()}>
              Open the options
            </button>
          )}
          {!undoShown && <UndoButton finding={finding} ui={ui} state={state} />}
        </p>
      )}
      {asOf && <p className="asof">Data {asOf}</p>}
    </>
  );
}

/** "Undo", while the write that just finished may be taken back (`data-process-action="undo"`). */
function UndoButton({ finding, ui, state }: { finding: Finding; ui: HintUi; state: ActionState }) {
  if (!('undo' in state) || !state.undo) return null;
  return (
    <button
      type="button"
      className="undo"
      data-process-action="undo"
      disabled={state.undo.busy}
      aria-busy={state.undo.busy}
      onClick={() => ui.undo(finding)}
    >
      {state.undo.busy ? 'Undoing…' : 'Undo'}
    </button>
  );
}

/**
 * One choice on the missing-lists hint: Rename / Keep the name for a list under another name, or
 * which of the board's lists fills a role. Each button names its list (`data-process-list`).
 */
function ChoiceRow({
  finding,
  choice,
  ui,
  busy,
}: {
  finding: Finding;
  choice: ListChoice;
  ui: HintUi;
  busy: boolean;
}) {
  const selectId = useId();
  const [picked, setPicked] = useState('');
  const question = choiceQuestion(choice);
  if (choice.kind === 'synonym') {
    const run = (action: 'rename-list' | 'keep-list-name') => () =>
      ui.runAction(finding, { action, list: choice.list.id, role: choice.role });
    return (
      <p className="choice">
        {question}{' '}
        {(['rename-list', 'keep-list-name'] as const).map((action) => (
          <button
            key={action}
            type="button"
            data-process-action={action}
            data-process-list={choice.list.id}
            disabled={busy}
            onClick={run(action)}
          >
            {ACTION_LABELS[action]}
          </button>
        ))}
      </p>
    );
  }
  // The first list until one is picked, and again if the picked one is gone after a re-read.
  const chosen = choice.options.some((o) => o.id === picked)
    ? picked
    : (choice.options[0]?.id ?? '');
  return (
    <p className="choice">
      <label htmlFor={selectId}>{question}</label>{' '}
      <select
        id={selectId}
        data-process-role={choice.role}
        value={chosen}
        onChange={(event) => setPicked(event.currentTarget.value)}
      >
        {choice.options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-process-action="map-list"
        data-process-list={chosen}
        data-process-role={choice.role}
        disabled={busy || !chosen}
        onClick={() =>
          ui.runAction(finding, { action: 'map-list', list: chosen, role: choice.role })
        }
      >
        {ACTION_LABELS['map-list']}
      </button>
    </p>
  );
}

/** A link built from API data: https to Trello or GitHub only (else nothing), its URL shown as text. */
export function ExternalLink({ href, children }: { href: string | undefined; children?: string }) {
  const safe = safeLink(href);
  if (!safe) return null;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children ?? safe}
    </a>
  );
}
