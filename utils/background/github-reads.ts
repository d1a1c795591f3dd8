/** What pages read from GitHub through the background: pull requests, issues, team settings. */
import { readIssue, readPull, readPullStatuses } from '../github/data';
import { readTeamSettings } from '../github/team-settings';
import type { MessageOf, ResponseMap } from '../messages';
import { boardForRepo } from '../process/boards';
import { findCardLinking } from '../process/links';
import { countReviews } from '../process/reviews';
import { ok } from '../result';
import type { Services } from './services';

/**
 * A pull request, with the card of the repository's board that links it: that card also counts,
 * whatever its list (needs Trello connected; the board's cached snapshot, with attachments).
 */
export async function pullWithCard(
  services: Services,
  { owner, repo, number }: MessageOf<'github.pull'>,
): Promise<ResponseMap['github.pull']> {
  const { client, settings } = await services.github();
  const pull = await readPull(client, { owner, repo, number }, services.now);
  if (!pull.ok) return pull;
  const board = boardForRepo(settings, { owner, repo });
  if (!board) return pull;
  const snapshot = await services.readBoard(board, { attachments: true });
  const card = snapshot.ok ? findCardLinking(snapshot.value, pull.value.url) : undefined;
  return ok({
    ...pull.value,
    boardCard: snapshot.ok ? (card?.shortLink ?? null) : undefined,
    cardBoard: { shortLink: board, name: snapshot.ok ? snapshot.value.name : '' },
  });
}

export async function issueSnapshot(
  services: Services,
  { owner, repo, number }: MessageOf<'github.issue'>,
): Promise<ResponseMap['github.issue']> {
  return readIssue((await services.github()).client, { owner, repo, number }, services.now);
}

/** Review status of each pull request asked, in the same order. */
export async function pullStatuses(
  services: Services,
  { pulls }: MessageOf<'github.pullStatuses'>,
): Promise<ResponseMap['github.pullStatuses']> {
  const { client, settings } = await services.github();
  const required = settings.process.requiredApprovals;
  return ok(await readPullStatuses(client, pulls, required, countReviews, services.now));
}

export async function teamSettings(
  services: Services,
  { owner, repo }: MessageOf<'github.teamSettings'>,
): Promise<ResponseMap['github.teamSettings']> {
  return readTeamSettings((await services.github()).client, owner, repo);
}
