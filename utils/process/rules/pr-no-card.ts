import { PROCESS_SENTENCES } from '../sentences';
import { headerFinding } from './finding-parts';
import { pullCard } from './pr-on-card';
import type { PullRule, RuleDocs } from './types';

/** "If you are spending time on something, there needs to be a trello card for it". */
export const prNoCard: PullRule = {
  id: 'pr.no-card',
  shows: ['pull-request'],
  summaryLabel: 'PRs with no card',
  sentence: PROCESS_SENTENCES.needsCard,
  evaluate({ pull }) {
    if (pullCard(pull)) return [];
    const unknownBoard = pull.boardCard === undefined;
    const board = pull.cardBoard && `“${pull.cardBoard.name || pull.cardBoard.shortLink}”`;
    return [
      headerFinding(prNoCard, pull, {
        severity: 'warn',
        title: 'No Trello card',
        message: `No Trello card links to this pull request: no card link in its description or comments${
          unknownBoard ? '' : ', and no card on the repository’s board has it attached'
        }.`,
        // One click writes, with no confirmation step: the button and its details say exactly
        // what it writes, and where (see docs/architecture.md, "Writes and jobs").
        advice: board
          ? `One click writes two things: a card “${pull.title}” in the list “In progress” of the Trello board ${board}, with this pull request attached; and a comment on this pull request linking the card.${unknownBoard ? ' Needs Trello connected (options page).' : ''}`
          : 'Create an “In progress” card for it (needs Trello connected and the repository mapped to a board in the options).',
        action: 'create-card-for-pr',
        ...(board ? { actionLabel: `Create card in ${board}` } : {}),
      }),
    ];
  },
};

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen:
    'no Trello card URL (or our marker) in the description or comments, and no open card of the repository\'s board (any list) links the PR by attachment (any tab of the PR page) or description. **One click:** the button says what it writes, "Create card in “<board>” › In progress, and comment on this PR": an "In progress" card with the PR attached, and a comment on the PR with the card link and `<!-- process-lens:card=… -->` (the same durable job as moving an issue); the PR then shows `pr.on-card` with "Card created: <link>"',
  changeIt: 'Options: repository → board mapping (`github.boardForRepo`)',
};
