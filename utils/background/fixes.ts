/**
 * The one-click fixes on Trello. Each re-reads what it depends on right before writing (never a
 * cached snapshot), so a double click, a second tab or a retry after a failure writes nothing twice.
 * Concurrent calls for the same board join the one already running.
 */
import type { MessageOf, ResponseMap } from '../messages';
import { mappingsFor, positionsForMissing } from '../process/list-roles';
import {
  isReviewCard,
  REVIEW_CARD_DESC,
  REVIEW_CARD_NAME,
  reviewComment,
} from '../process/pipeline-review';
import type { Settings } from '../process/settings';
import { formatDay } from '../process/time';
import { fail, ok, type Result } from '../result';
import type { TrelloClient } from '../trello/client';
import type { Services } from './services';

const running = new Map<string, Promise<Result<unknown>>>();

/** Runs `work` once per key at a time; callers arriving meanwhile get the same answer. */
export function joined<T>(key: string, work: () => Promise<Result<T>>): Promise<Result<T>> {
  const current = running.get(key) as Promise<Result<T>> | undefined;
  if (current) return current;
  const started = work().finally(() => running.delete(key));
  running.set(key, started);
  return started;
}

export function addMissingLists(client: TrelloClient, board: string, settings: Settings) {
  return joined(`lists:${board}`, async (): Promise<Result<{ created: string[] }>> => {
    const lists = await client.openLists(board);
    if (!lists.ok) return lists;
    const missing = positionsForMissing(
      settings.process.lists,
      lists.value,
      mappingsFor(settings, board),
    );
    if (missing.length === 0) return ok({ created: [] });
    const idBoard = await client.boardId(board);
    if (!idBoard.ok) return idBoard;
    const created: string[] = [];
    // One at a time, in process order: a failure leaves the ones before it, and a retry
    // (which re-reads the lists) creates only the rest.
    for (const { name, pos } of missing) {
      const result = await client.createList(idBoard.value, name, pos);
      if (!result.ok) return result;
      created.push(name);
    }
    return ok({ created });
  });
}

export function markPipelineReviewed(
  client: TrelloClient,
  board: string,
  who: string,
  now: number,
  day: string,
) {
  return joined(
    `review:${board}`,
    async (): Promise<Result<{ reviewedAt: number; alreadyRecorded: boolean }>> => {
      const cards = await client.openCards(board);
      if (!cards.ok) return cards;
      let card = cards.value.find(isReviewCard);
      if (!card) {
        const lists = await client.openLists(board);
        if (!lists.ok) return lists;
        const first = [...lists.value].sort((a, b) => a.pos - b.pos)[0];
        if (!first)
          return fail(
            'not-found',
            'The pipeline board has no open list to put the review card in.',
          );
        const createdCard = await client.createCard(first.id, REVIEW_CARD_NAME, REVIEW_CARD_DESC);
        if (!createdCard.ok) return createdCard;
        card = createdCard.value;
      }
      const text = reviewComment(day, who);
      const comments = await client.recentComments(card.id);
      if (!comments.ok) return comments;
      const existing = comments.value.find((comment) => comment.data.text === text);
      if (existing) return ok({ reviewedAt: Date.parse(existing.date), alreadyRecorded: true });
      const posted = await client.addComment(card.id, text);
      if (!posted.ok) return posted;
      return ok({ reviewedAt: now, alreadyRecorded: false });
    },
  );
}

/** "Add the missing lists" on a board; its cached reads are stale afterwards. */
export async function fixMissingLists(
  services: Services,
  { board }: MessageOf<'board.addMissingLists'>,
): Promise<ResponseMap['board.addMissingLists']> {
  const { client, settings } = await services.trello();
  const result = await addMissingLists(client, board, settings);
  await services.snapshots.forget(board);
  return result;
}

/** "Mark reviewed" on the pipeline: today's review comment, by the token's user. */
export async function recordPipelineReview(
  services: Services,
  { board }: MessageOf<'pipeline.markReviewed'>,
): Promise<ResponseMap['pipeline.markReviewed']> {
  const { client, settings } = await services.trello();
  const me = await client.me();
  if (!me.ok) return me;
  const now = services.now();
  const day = formatDay(now, settings.process.techCall.timeZone);
  const result = await markPipelineReviewed(client, board, me.value.username, now, day);
  await services.snapshots.forget(board);
  return result;
}
