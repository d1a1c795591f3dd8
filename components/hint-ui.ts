/** What the page's hints need from their controller besides the findings. */
import type { ReactNode } from 'react';
import type { ChosenAction, Finding } from '../utils/process/findings';
import { clockTime } from '../utils/process/time';

export type ActionState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; message: string; link?: string }
  | { state: 'failed'; message: string; advice?: string; needsConnection: boolean };

export interface HintUi {
  /** When the data behind the findings was read (epoch ms). */
  asOf?: number;
  actionState(finding: Finding): ActionState;
  /** Runs the finding's action, or the choice made on it (the missing-lists hint's buttons). */
  runAction(finding: Finding, choice?: ChosenAction): void;
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
