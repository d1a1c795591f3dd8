/**
 * "Create card" on a pull request: a card in the "In progress" list of the repository's board,
 * made by a move job (so a double click or a second tab makes no second card).
 */
import type { MoveRequest } from '../jobs/move-job';
import type { MessageOf, ResponseMap } from '../messages';
import { boardForRepo } from '../process/boards';
import { LIST_ROLES, listRoles, mappingsFor } from '../process/list-roles';
import { fail, ok } from '../result';
import type { Services } from './services';
import { recordUndo } from './undo';

export async function createCardForPull(
  services: Services,
  { owner, repo, number, pageUser }: MessageOf<'github.createCardForPull'>,
): Promise<ResponseMap['github.createCardForPull']> {
  const { client, settings } = await services.trello();
  const board = boardForRepo(settings, { owner, repo });
  if (!board) {
    return fail(
      'not-connected',
      `No Trello board is mapped to ${owner}/${repo}: add the mapping in the options page.`,
    );
  }
  const lists = await client.openLists(board);
  if (!lists.ok) return lists;
  const inProgress = listRoles(lists.value, mappingsFor(settings, board)).of(
    LIST_ROLES.inProgress,
  )[0]?.list;
  if (!inProgress)
    return fail(
      'not-found',
      'The repository’s board has no “In progress” list: add the missing lists first.',
    );
  const request: MoveRequest = {
    kind: 'pull',
    owner,
    repo,
    number,
    board,
    list: inProgress.id,
    close: false,
    copyComments: false,
  };
  const started = await services.moves.startAndWait(request, pageUser);
  await services.snapshots.forget(board); // the next read of the PR sees its new card
  if (!started.ok) return started;
  if (started.value.kind === 'existing') return ok({ shortLink: started.value.card });
  const { job } = started.value;
  if (job.status === 'done' && job.card) {
    const { card, made } = job;
    if (!made?.card && made?.comment === undefined) return ok({ shortLink: card.shortLink });
    const undo = await recordUndo(services, {
      board,
      ...(made.card ? { card: { id: card.id, job: job.key } } : {}),
      ...(made.comment !== undefined ? { comment: { owner, repo, number, id: made.comment } } : {}),
    });
    return ok({ shortLink: card.shortLink, undo });
  }
  const error = job.error ?? { code: 'internal' as const, message: 'The card is not made yet.' };
  return fail(error.code, error.message, job.retryAt ? { retryAt: job.retryAt } : {});
}
