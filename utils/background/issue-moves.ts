/**
 * What the move dialog asks of the background about an issue: the board to propose, then starting,
 * following and retrying its move job (utils/background/moves.ts runs the jobs).
 */
import { jobKey, type MoveRequest } from '../jobs/move-job';
import type { MessageOf, ResponseMap } from '../messages';
import { boardForRepo, boardFromPipeline } from '../process/boards';
import { ok } from '../result';
import { loadSettings } from '../storage';
import type { Services } from './services';

/** The repository's board from the settings, else the one its pipeline card links to. */
export async function proposedBoard(
  services: Services,
  { owner, repo }: MessageOf<'move.defaultBoard'>,
): Promise<ResponseMap['move.defaultBoard']> {
  const { settings, client } = await services.trello();
  const mapped = boardForRepo(settings, { owner, repo });
  if (mapped) return ok({ board: mapped, from: 'settings' });
  const pipeline = settings.trello.pipelineBoard;
  if (!pipeline) return ok(null);
  const snapshot = await services.readBoard(pipeline, { attachments: true, client });
  if (!snapshot.ok) return snapshot;
  const linked = boardFromPipeline(snapshot.value, { owner, repo });
  return ok(linked ? { board: linked, from: 'pipeline' } : null);
}

/** Copies the issue and its comments to a card; closing adds the configured label first. */
export async function startIssueMove(
  services: Services,
  { owner, repo, number, board, list, close, linkCard, pageUser }: MessageOf<'move.start'>,
): Promise<ResponseMap['move.start']> {
  const { closeLabel } = (await loadSettings()).settings.github;
  const request: MoveRequest = {
    kind: 'issue',
    owner,
    repo,
    number,
    board,
    list,
    close,
    copyComments: true,
    linkCard,
    ...(close && closeLabel ? { closeLabel } : {}),
  };
  return services.moves.start(request, pageUser);
}

export async function moveStatus(
  services: Services,
  issue: MessageOf<'move.status'>,
): Promise<ResponseMap['move.status']> {
  return ok(await services.moves.status(jobKey(issue)));
}

export function retryMove(
  services: Services,
  issue: MessageOf<'move.retry'>,
): Promise<ResponseMap['move.retry']> {
  return services.moves.retry(jobKey(issue));
}
