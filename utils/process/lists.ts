/** List-name matching shared by every rule that looks for a process list. */

/** The lists whose role the rules know, by their process names. */
export const LIST_ROLES = { stuck: 'Stuck', inProgress: 'In progress', done: 'Done' } as const;

/** Trimmed, case-insensitive, inner whitespace collapsed: "  In  Progress " matches "In progress". */
export function normaliseListName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function sameListName(a: string, b: string): boolean {
  return normaliseListName(a) === normaliseListName(b);
}

/** The required names that have no open list, in the order the process gives them. */
export function missingListNames(
  required: readonly string[],
  lists: readonly { name: string; closed?: boolean }[],
): string[] {
  const present = new Set(lists.filter((l) => !l.closed).map((l) => normaliseListName(l.name)));
  return required.filter((name) => !present.has(normaliseListName(name)));
}

/** Ids of the open lists with this name. */
export function listIdsNamed(
  lists: readonly { id: string; name: string; closed?: boolean }[],
  name: string,
): Set<string> {
  return new Set(lists.filter((l) => !l.closed && sameListName(l.name, name)).map((l) => l.id));
}

/**
 * Positions for the missing process lists, so the board ends up in process order: each missing
 * list goes between its nearest present neighbours in process order (Trello's `pos` is a float).
 */
export function positionsForMissing(
  required: readonly string[],
  lists: readonly { name: string; pos: number; closed?: boolean }[],
): { name: string; pos: number }[] {
  const open = lists.filter((l) => !l.closed);
  const posOf = (name: string) => open.find((l) => sameListName(l.name, name))?.pos;
  const maxPos = Math.max(0, ...open.map((l) => l.pos));
  const out: { name: string; pos: number }[] = [];
  let i = 0;
  while (i < required.length) {
    if (posOf(required[i] as string) !== undefined) {
      i++;
      continue;
    }
    // A run of missing names between two present ones (or the board's ends).
    const start = i;
    while (i < required.length && posOf(required[i] as string) === undefined) i++;
    const before = start > 0 ? (posOf(required[start - 1] as string) ?? 0) : 0;
    const next = i < required.length ? (posOf(required[i] as string) as number) : undefined;
    // Past the end, or present lists already out of process order: place after `before`.
    const after =
      next !== undefined && next > before
        ? next
        : Math.max(before, maxPos) + 65536 * (i - start + 1);
    const step = (after - before) / (i - start + 1);
    for (let k = start; k < i; k++)
      out.push({ name: required[k] as string, pos: before + step * (k - start + 1) });
  }
  return out;
}
