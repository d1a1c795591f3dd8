import type { BoardSnapshot } from '../../trello/snapshot';
import type { Finding } from '../findings';
import type { Settings } from '../settings';

/** Rules are pure: snapshot + settings + now in, findings out (DESIGN §2). */
export interface BoardRuleInput {
  board: BoardSnapshot;
  /** The Project Pipeline board, when one is configured and could be read (project boards only). */
  pipeline?: BoardSnapshot;
  settings: Settings;
  /** Epoch ms. */
  now: number;
}

export interface BoardRule {
  id: string;
  evaluate(input: BoardRuleInput): Finding[];
}
