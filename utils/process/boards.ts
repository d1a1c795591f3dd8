/** Which Trello boards the project-board rules apply to, and which board a repository's work goes to. */
import type { BoardSnapshot } from '../trello/snapshot';
import { escapeRegExp, LINK_END } from './links';
import { linkedBoards } from './rules/pipeline-links';
import type { Settings } from './settings';

const PIPELINE_NAME = 'project pipeline';

export function isPipelineBoard(
  board: { shortLink: string; name: string },
  settings: Settings,
): boolean {
  const configured = settings.trello.pipelineBoard;
  if (configured) return board.shortLink === configured;
  return board.name.trim().toLowerCase() === PIPELINE_NAME;
}

/**
 * With no boards configured (zero set-up) every board but the pipeline is a project board;
 * once the team lists its boards (or maps repos to boards), only those are.
 */
export function isProjectBoard(
  board: { shortLink: string; name: string },
  settings: Settings,
): boolean {
  if (isPipelineBoard(board, settings)) return false;
  const watched = new Set([
    ...settings.trello.boards,
    ...Object.values(settings.github.boardForRepo),
  ]);
  return watched.size === 0 || watched.has(board.shortLink);
}

/** The board a repository maps to (`github.boardForRepo`), matched case-insensitively. */
export function boardForRepo(
  settings: Settings,
  { owner, repo }: { owner: string; repo: string },
): string | undefined {
  const wanted = `${owner}/${repo}`.toLowerCase();
  return Object.entries(settings.github.boardForRepo).find(
    ([name]) => name.toLowerCase() === wanted,
  )?.[1];
}

/**
 * The project board of the pipeline card that mentions the repository (`github.com/owner/repo`
 * in its description or attachments): the first board that card links, other than the pipeline.
 */
export function boardFromPipeline(
  pipeline: Pick<BoardSnapshot, 'shortLink' | 'cards'>,
  { owner, repo }: { owner: string; repo: string },
): string | undefined {
  const mention = new RegExp(
    `github\\.com/${escapeRegExp(owner)}/${escapeRegExp(repo)}${LINK_END}`,
    'i',
  );
  for (const card of pipeline.cards) {
    if (card.closed) continue;
    if (![card.desc, ...card.attachments.map((a) => a.url)].some((text) => mention.test(text)))
      continue;
    const board = [...linkedBoards(card)].find((b) => b !== pipeline.shortLink);
    if (board) return board;
  }
  return undefined;
}

/**
 * A project as the process sees it: its card on the Project Pipeline (the open card linking the
 * board) and the repositories mapped to the board.
 */
export function projectContext(
  board: string,
  pipeline: Pick<BoardSnapshot, 'cards'> | undefined,
  settings: Settings,
): { pipelineCard?: { name: string; shortLink: string }; repos: string[] } {
  const card = pipeline?.cards.find((c) => !c.closed && linkedBoards(c).has(board));
  const repos = Object.entries(settings.github.boardForRepo)
    .filter(([, mapped]) => mapped === board)
    .map(([repo]) => repo);
  return {
    ...(card ? { pipelineCard: { name: card.name, shortLink: card.shortLink } } : {}),
    repos,
  };
}
