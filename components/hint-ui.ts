/** What the page's hints need from their controller besides the findings. */
import type { ReactNode } from 'react';
import type { ChosenAction, Finding } from '../utils/process/findings';
import { clockTime } from '../utils/process/time';

/** How long "Undo" is offered after a write (docs/architecture.md, "Writes and jobs"). */
export const UNDO_SHOWN_MS = 10_000;

/**
 * Undo offered after a write (docs/architecture.md, "Writes and jobs"): the background's token,
 * the finding the write started from (it carries the message after Undo), and whether it runs.
 */
export interface UndoOffer {
  id: string;
  origin: string;
  busy?: boolean;
}

export type ActionState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; message: string; link?: string; undo?: UndoOffer }
  | {
      state: 'failed';
      message: string;
      advice?: string;
      needsConnection: boolean;
      /** A failed Undo keeps its button: the next click retries what is left. */
      undo?: UndoOffer;
    };

export interface HintUi {
  /** When the data behind the findings was read (epoch ms). */
  asOf?: number;
  actionState(finding: Finding): ActionState;
  /** Runs the finding's action, or the choice made on it (the missing-lists hint's buttons). */
  runAction(finding: Finding, choice?: ChosenAction): void;
  /** Takes back the write whose Undo the finding's state offers. */
  undo(finding: Finding): void;
  openOptions(): void;
  /** A safe https link to the finding's subject (card), if it has one. */
  linkFor(finding: Finding): string | undefined;
  /** Something the finding's action opened (the move dialog), rendered beside its badge. */
  renderExtra?(finding: Finding): ReactNode;
}

export const ACTION_LABELS: Record<NonNullable<Finding['action']>, string> = {
  'add-missing-lists': 'Add the missing lists',
  'mark-pipeline-reviewed': 'Mark pipeline reviewed',
  'move-issue-to-card': 'Move to a Trello card',
  'create-card-for-pr': 'Create card',
  'save-pipeline-board': 'Save as the pipeline',
  'rename-list': 'Rename',
  'keep-list-name': 'Keep the name',
  'map-list': 'Save',
};

export function asOfText(asOf: number | undefined): string | undefined {
  if (asOf === undefined) return undefined;
  return `as of ${clockTime(asOf)}`;
}
