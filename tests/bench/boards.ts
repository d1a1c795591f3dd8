// Synthetic but realistic board snapshots for the rules benchmark. The boards are built with the
// fake's own state builders (tests/fake/state.ts), served as JSON by the fake's Trello API
// handler (no HTTP: the handler is called directly with the same paths the extension requests),
// and parsed with the product's schemas, so the rules see exactly what they see in the browser.

import * as v from 'valibot';
import { defaultSettings, PROCESS_LISTS, type Settings } from '../../utils/process/settings.ts';
import {
  ActionsResponseSchema,
  BoardResponseSchema,
  type BoardSnapshot,
  boardActionsPath,
  boardSnapshotPath,
} from '../../utils/trello/snapshot.ts';
import type { Ctx } from '../fake/http.ts';
import {
  addAction,
  addBoard,
  addCard,
  addMember,
  boardRef,
  boardUrl,
  type CardSpec,
  cardRef,
  emptyState,
  type FakeState,
  findMember,
  type TrelloBoard,
  type TrelloCard,
} from '../fake/state.ts';
import { handleTrelloApi, SESSION_COOKIE } from '../fake/trello-api.ts';

const DAY = 24 * 60 * 60 * 1000;
/** A fixed clock: the same boards and findings on every run. */
export const BENCH_NOW = Date.UTC(2025, 2, 12, 12, 0, 0);

/** Share of the cards per list, in twentieths: most work is done or waiting, little is stuck. */
const LIST_SHARE: [list: (typeof PROCESS_LISTS)[number], twentieths: number][] = [
  ['Unsorted', 2],
  ['Would be nice', 3],
  ['Need to do', 4],
  ['Stuck', 1],
  ['In progress', 2],
  ['Done', 8],
];
const LIST_CYCLE = LIST_SHARE.flatMap(([list, n]) => Array.from({ length: n }, () => list));

export interface BenchWorkspace {
  state: FakeState;
  project: TrelloBoard;
  pipeline: TrelloBoard;
  settings: Settings;
}

/**
 * A project board of `cards` cards on the six process lists (5 % stuck, 10 % in progress, 40 % done),
 * with card moves, comments on stuck cards, labels, members and pull-request attachments, plus a
 * Project Pipeline of 40 project cards linking boards (the last one links this board).
 */
export function syntheticWorkspace(cards: number): BenchWorkspace {
  const state = emptyState(BENCH_NOW);
  const members = Array.from({ length: 8 }, (_, i) =>
    addMember(state, { username: `dev${i + 1}`, fullName: `Developer ${i + 1}` }),
  );
  state.trello.sessionMember = members[0]?.id ?? '';
  const project = addBoard(state, {
    name: `Project (${cards} cards)`,
    lists: [...PROCESS_LISTS],
    createdAt: BENCH_NOW - 400 * DAY,
  });
  // addCard numbers each card by scanning the board's cards: build in batches to stay linear,
  // then number and position the cards as one board.
  const all: TrelloCard[] = [];
  for (let start = 0; start < cards; start += 500) {
    project.cards = [];
    for (let i = start; i < Math.min(cards, start + 500); i++)
      addCard(state, project, cardSpec(i, members[i % 8]?.id ?? ''));
    all.push(...project.cards);
  }
  const inList = new Map<string, number>();
  all.forEach((card, i) => {
    card.idShort = i + 1;
    const pos = (inList.get(card.idList) ?? 0) + 1;
    inList.set(card.idList, pos);
    card.pos = pos * 16384;
  });
  project.cards = all;
  // Comments: what blocks a stuck card, and chatter on others.
  project.cards.forEach((card, i) => {
    if (i % 7 !== 0) return;
    addAction(state, project, {
      type: 'commentCard',
      at: BENCH_NOW - ((i % 10) + 1) * 3600 * 1000,
      data: {
        card: cardRef(card),
        text: i % 2 ? 'Waiting for: the hosting provider to open port 25.' : 'Looks good to me.',
        board: boardRef(project),
      },
    });
  });

  const pipeline = addBoard(state, {
    name: 'Project Pipeline',
    lists: ['Ideas', 'Upcoming', 'In progress', 'Done'],
    createdAt: BENCH_NOW - 400 * DAY,
  });
  for (let i = 0; i < 40; i++) {
    const linked =
      i === 39
        ? boardUrl(project)
        : `https://trello.com/b/Prj${String(i).padStart(5, '0')}/project-${i}`;
    addCard(state, pipeline, {
      name: `Project ${i + 1}`,
      list: ['Ideas', 'Upcoming', 'In progress', 'Done'][i % 4] as string,
      desc: i % 2 ? `Board: ${linked}` : 'Goals and people.',
      attachments: i % 2 ? [] : [{ url: linked, name: `Project ${i + 1}` }],
      due: i % 5 === 0 ? null : BENCH_NOW + ((i % 9) - 3) * 14 * DAY,
      dateLastActivity: BENCH_NOW - (i % 45) * DAY,
      createdAt: BENCH_NOW - 200 * DAY,
    });
  }
  const settings = defaultSettings();
  settings.trello.pipelineBoard = pipeline.shortLink;
  return { state, project, pipeline, settings };
}

function cardSpec(i: number, member: string): CardSpec {
  const list = LIST_CYCLE[i % LIST_CYCLE.length] as string;
  const createdAt = BENCH_NOW - (((i * 7) % 180) + 10) * DAY;
  const spec: CardSpec = {
    name: `Card ${i + 1}: ${['Fix', 'Add', 'Write', 'Review'][i % 4]} ${['sign-up', 'search', 'badges', 'mail'][i % 4]}`,
    list,
    createdAt,
    members: i % 3 ? [member] : [],
    labels: i % 10 === 0 ? [{ name: 'performance', color: 'orange' }] : [],
    desc: i % 4 === 0 ? 'Steps to reproduce:\n1. Open the page\n2. Wait' : '',
  };
  if (list === 'In progress' || list === 'Stuck') {
    // In progress: a third moved in this week, the rest from 8 to 20 days ago (stale).
    spec.movedAt = BENCH_NOW - ((i % 3 === 0 ? i % 6 : 8 + (i % 13)) * DAY + 3600 * 1000);
    spec.movedFrom = 'Need to do';
    if (list === 'Stuck' && i % 3 === 0) spec.desc = 'Blocked by: the design review.';
    if (list === 'In progress' && i % 5 === 0)
      spec.attachments = [`https://github.com/p2pu/lernanta/pull/${(i % 400) + 1}`];
  }
  if (list === 'Done') spec.dateLastActivity = createdAt + 5 * DAY;
  return spec;
}

/** GET a Trello API path (with its query) from the fake, as the signed-in session. */
export async function fakeTrelloGet(state: FakeState, pathAndQuery: string): Promise<unknown> {
  const url = new URL(pathAndQuery, 'https://trello.com');
  const ctx: Ctx = {
    host: 'trello.com',
    method: 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: {},
    cookies: { [SESSION_COOKIE]: '1' },
    body: {},
    params: {},
    state,
    auth: 'none',
  };
  const reply = await handleTrelloApi(ctx);
  if (reply.status !== 200) throw new Error(`fake ${pathAndQuery}: ${reply.status} ${reply.body}`);
  return JSON.parse(reply.body ?? 'null');
}

/** What the two snapshot requests answer (docs/architecture.md, "Data and caches"), as JSON. */
export interface SnapshotJson {
  board: unknown;
  actions: unknown[];
}

/**
 * The JSON of a board's snapshot, as the fake answers the two requests. `allActions`: every action
 * of the board instead of the API's one page of 1,000 (what reading every page would give; built
 * here because paging through the fake re-sorts the whole board per page), to show how the rules
 * grow when events grow with the cards.
 */
export async function snapshotJson(
  state: FakeState,
  board: TrelloBoard,
  { attachments = false, allActions = false } = {},
): Promise<SnapshotJson> {
  const boardJson = await fakeTrelloGet(state, boardSnapshotPath(board.shortLink, { attachments }));
  if (!allActions) {
    const actions = (await fakeTrelloGet(state, boardActionsPath(board.shortLink))) as unknown[];
    return { board: boardJson, actions };
  }
  const kinds = new Set(['createCard', 'commentCard', 'addAttachmentToCard']);
  const actions = board.actions
    .filter((a) => kinds.has(a.type) || (a.type === 'updateCard' && a.data.old !== undefined))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id.localeCompare(a.id)))
    .map((a) => {
      const m = findMember(state, a.idMemberCreator);
      return { ...a, memberCreator: m ? { id: m.id, username: m.username } : null };
    });
  return { board: boardJson, actions };
}

/** The same parse the content script does on the two answers. */
export function parseSnapshot(json: SnapshotJson): BoardSnapshot {
  return {
    ...v.parse(BoardResponseSchema, json.board),
    events: v.parse(ActionsResponseSchema, json.actions),
    fetchedAt: BENCH_NOW,
    source: 'session',
  };
}
