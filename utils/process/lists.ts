/** List-name matching shared by every rule that looks for a process list. */

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
