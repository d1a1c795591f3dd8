/**
 * Undo of a one-click write (docs/architecture.md, "Writes and jobs"): the write journals what it
 * made (a card and its GitHub comment, or lists) in storage.local before answering, and answers
 * with the entry's id. `undo.take` archives or deletes what the entry names, journaling each step:
 * a second click or an expired entry writes nothing, and after a partial failure a retry takes
 * back only the rest.
 */
import { browser } from 'wxt/browser';
import { deleteIssueComment } from '../github/issue-ops';
import type { MessageOf, ResponseMap } from '../messages';
import { type AppError, fail, ok } from '../result';
import { joined } from './fixes';
import type { Services } from './services';

const PREFIX = 'undo:';
/** The page offers Undo for 10 s; the background takes it a little later still (a slow answer). */
export const UNDO_MS = 60_000;
/** Entries are pruned after a day. */
export const KEEP_MS = 24 * 60 * 60 * 1000;

/** What one write made, as far as Undo is concerned. */
export interface UndoWrite {
  board: string;
  /** The card "Create card" made, and its move job (forgotten so Create card works again). */
  card?: { id: string; job: string };
  /** The comment the job posted on the pull request. */
  comment?: { owner: string; repo: string; number: number; id: number };
  /** The lists "Add the missing lists" made. */
  lists?: { id: string; name: string }[];
}

export interface UndoEntry extends UndoWrite {
  id: string;
  at: number;
  /** What has been taken back so far (list ids). */
  undone: { card?: true; comment?: true; lists: string[] };
  finishedAt?: number;
}

const storeKey = (id: string) => `${PREFIX}${id}`;

async function load(id: string): Promise<UndoEntry | undefined> {
  return (await browser.storage.local.get(storeKey(id)))[storeKey(id)] as UndoEntry | undefined;
}

async function save(entry: UndoEntry): Promise<void> {
  await browser.storage.local.set({ [storeKey(entry.id)]: entry });
}

/** Saves the write's journal entry (and prunes day-old ones); answers its id, the Undo token. */
export async function recordUndo(services: Services, write: UndoWrite): Promise<string> {
  const now = services.now();
  const stored = await browser.storage.local.get(null);
  const old = Object.entries(stored)
    .filter(([key, entry]) => key.startsWith(PREFIX) && now - (entry as UndoEntry).at > KEEP_MS)
    .map(([key]) => key);
  if (old.length) await browser.storage.local.remove(old);
  const entry: UndoEntry = { ...write, id: crypto.randomUUID(), at: now, undone: { lists: [] } };
  await save(entry);
  return entry.id;
}

/** `undo.take`: takes back what the entry names, once; concurrent clicks join. */
export function takeBack(
  services: Services,
  { id }: MessageOf<'undo.take'>,
): Promise<ResponseMap['undo.take']> {
  return joined(`undo:${id}`, async (): Promise<ResponseMap['undo.take']> => {
    const entry = await load(id);
    if (entry?.finishedAt) return ok({ taken: false, message: 'That was already taken back.' });
    const begun = entry && (entry.undone.card || entry.undone.comment || entry.undone.lists.length);
    if (!entry || (!begun && services.now() - entry.at > UNDO_MS))
      return ok({ taken: false, message: 'Too late to undo: nothing was changed.' });
    const failed = await undoSteps(services, entry);
    await services.snapshots.forget(entry.board);
    if (failed) return fail(failed.code, failed.message);
    await save({ ...entry, finishedAt: services.now() });
    if (entry.card) await services.moves.forget(entry.card.job);
    return ok({ taken: true, message: takenMessage(entry) });
  });
}

/** Runs the steps not done yet, saving each; the first failure stops them and says what is left. */
async function undoSteps(services: Services, entry: UndoEntry): Promise<AppError | undefined> {
  const { undone } = entry;
  const stopped = (what: string, error: AppError): AppError => ({
    code: error.code,
    message: `${what} could not be taken back (${error.message})${
      undone.card ? ': the card is archived' : ''
    }. Click Undo again to retry.`,
  });
  if (entry.card && !undone.card) {
    const { client } = await services.trello();
    const archived = await client.archiveCard(entry.card.id);
    if (!archived.ok && archived.error.code !== 'not-found')
      return stopped('The card', archived.error);
    undone.card = true;
    await save(entry);
  }
  if (entry.comment && !undone.comment) {
    const { client } = await services.github();
    const deleted = await deleteIssueComment(client, entry.comment, entry.comment.id);
    if (!deleted.ok) return stopped('The comment on the pull request', deleted.error);
    undone.comment = true;
    await save(entry);
  }
  for (const list of entry.lists ?? []) {
    if (undone.lists.includes(list.id)) continue;
    const { client } = await services.trello();
    const archived = await client.archiveList(list.id);
    if (!archived.ok && archived.error.code !== 'not-found')
      return stopped(`The list “${list.name}”`, archived.error);
    undone.lists.push(list.id);
    await save(entry);
  }
  return undefined;
}

function takenMessage(entry: UndoEntry): string {
  if (entry.lists?.length)
    return `Taken back: archived ${entry.lists.map((l) => `“${l.name}”`).join(', ')}.`;
  return entry.comment
    ? 'Taken back: the card is archived and its comment on the pull request deleted.'
    : 'Taken back: the card is archived.';
}
