/** Which Trello boards the project-board rules apply to. */
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
