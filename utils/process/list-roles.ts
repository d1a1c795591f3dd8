/**
 * Lists have roles (see docs/architecture.md, "List roles"): each process list (Unsorted, Would
 * be nice, Need to do, Stuck, In progress, Done) is a role, and a board's list fills it by the
 * team's mapping (`trello.listRoles`), by its exact name, or by a known synonym, in that order of
 * precedence. Every rule that reads a list asks here which lists fill a role. Pure.
 */
import { PROCESS_LISTS, type Settings } from './settings';

export type ListRole = (typeof PROCESS_LISTS)[number];

/** The roles the rules read, by their process names. */
export const LIST_ROLES = {
  unsorted: 'Unsorted',
  wouldBeNice: 'Would be nice',
  needToDo: 'Need to do',
  stuck: 'Stuck',
  inProgress: 'In progress',
  done: 'Done',
} as const satisfies Record<string, ListRole>;

/**
 * Names that fill a role when no list has the role's own name (compared by `synonymKey`). A name
 * may fit two roles ("Backlog"): it fills the first one still free. The README lists this table.
 */
export const ROLE_SYNONYMS: Readonly<Record<ListRole, readonly string[]>> = {
  Unsorted: ['Unsorted', 'Inbox', 'Triage', 'To triage', 'Incoming', 'New', 'Untriaged'],
  'Would be nice': [
    'Would be nice',
    'Nice to have',
    'Ideas',
    'Idea',
    'Future work',
    'Future',
    'Someday',
    'Maybe',
    'Wishlist',
    'Wish list',
    'Icebox',
    'Later',
    'Parking lot',
    'Backlog',
  ],
  'Need to do': [
    'Need to do',
    'To do',
    'Todo',
    'To dos',
    'Todos',
    'Backlog',
    'Up next',
    'Next up',
    'Next',
    'Ready',
    'Planned',
  ],
  Stuck: ['Stuck', 'Blocked', 'Blockers', 'Blocker', 'On hold', 'Waiting', 'Impeded', 'Paused'],
  'In progress': [
    'In progress',
    'Doing',
    'WIP',
    'Work in progress',
    'Working',
    'Working on',
    'In development',
    'In dev',
    'Ongoing',
    'Started',
  ],
  Done: ['Done', 'Finished', 'Complete', 'Completed', 'Closed', 'Shipped', 'Released', 'Resolved'],
};

/** Trimmed, case-insensitive, inner whitespace collapsed: "  In  Progress " matches "In progress". */
export function normaliseListName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function sameListName(a: string, b: string): boolean {
  return normaliseListName(a) === normaliseListName(b);
}

/** Looser, for synonyms: "To-Do ✅", "todo (max 5)" → "to do", "todo"; letters and digits only. */
export function synonymKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Names that fit two roles, and the role each fills first ("Backlog" is a team's to-do first). */
const FIRST_ROLE: Readonly<Record<string, ListRole>> = { backlog: 'Need to do' };

/** Synonym key → the roles it fits, the one it fills first leading; made on first use. */
let rolesBySynonym: Map<string, ListRole[]> | undefined;

function rolesOfSynonym(key: string): readonly ListRole[] {
  if (!rolesBySynonym) {
    rolesBySynonym = new Map();
    for (const role of PROCESS_LISTS) {
      for (const synonym of ROLE_SYNONYMS[role]) {
        const key = synonymKey(synonym);
        const roles = rolesBySynonym.get(key) ?? [];
        if (FIRST_ROLE[key] === role) roles.unshift(role);
        else if (!roles.includes(role)) roles.push(role);
        rolesBySynonym.set(key, roles);
      }
    }
  }
  return rolesBySynonym.get(key) ?? [];
}

/**
 * The roles a list's name suggests, best first. A name made of parts ("Backlog/Future Work/Ideas")
 * counts each part: the role most parts fit comes first.
 */
export function rolesSuggestedBy(name: string): ListRole[] {
  const parts = [name, ...name.split(/[/|&,+·•]/)].map(synonymKey).filter(Boolean);
  const votes = new Map<ListRole, number>();
  for (const key of new Set(parts)) {
    for (const role of rolesOfSynonym(key)) votes.set(role, (votes.get(role) ?? 0) + 1);
  }
  return [...votes.keys()].sort((a, b) => (votes.get(b) ?? 0) - (votes.get(a) ?? 0));
}

export function isListRole(name: string): name is ListRole {
  return (PROCESS_LISTS as readonly string[]).includes(name);
}

/** The role a process-list name (from `process.lists`) stands for, if it is one. */
export function roleNamed(name: string): ListRole | undefined {
  return PROCESS_LISTS.find((role) => sameListName(role, name));
}

export interface BoardList {
  id: string;
  name: string;
  pos?: number;
  closed?: boolean;
}

/** `trello.listRoles` of one board: list id → its role (and its name when it was mapped). */
export type RoleMappings = Readonly<Record<string, { role: string; name?: string }>>;

export type FilledBy = 'mapping' | 'name' | 'synonym';

export interface RoleFill<L extends BoardList = BoardList> {
  role: ListRole;
  list: L;
  by: FilledBy;
}

export interface BoardRoles<L extends BoardList = BoardList> {
  /** Every open list that fills a role (a list fills at most one). */
  fills: RoleFill<L>[];
  /** The open lists that fill no role, in board order. */
  unassigned: L[];
  /** The lists that fill this role (several only when several lists carry its exact name). */
  of(role: ListRole): RoleFill<L>[];
  /** Ids of the lists that fill this role. */
  ids(role: ListRole): Set<string>;
}

/**
 * Which open lists fill which role: a team mapping wins over everything; then the lists with the
 * role's exact name; then one list whose name is a synonym, first the names that fit one role
 * only, then those that fit several ("Backlog"), each taking the best role still free.
 */
export function listRoles<L extends BoardList>(
  lists: readonly L[],
  mappings: RoleMappings = {},
): BoardRoles<L> {
  const open = lists
    .filter((l) => !l.closed)
    .map((list, index) => ({ list, index }))
    .sort((a, b) => (a.list.pos ?? 0) - (b.list.pos ?? 0) || a.index - b.index)
    .map(({ list }) => list);
  const fills: RoleFill<L>[] = [];
  const taken = new Set<string>();
  const filled = new Set<ListRole>();
  const fill = (role: ListRole, list: L, by: FilledBy) => {
    fills.push({ role, list, by });
    taken.add(list.id);
  };

  for (const list of open) {
    const role = mappings[list.id]?.role;
    if (role !== undefined && isListRole(role)) fill(role, list, 'mapping');
  }
  for (const fill of fills) filled.add(fill.role);

  for (const role of PROCESS_LISTS) {
    if (filled.has(role)) continue;
    for (const list of open)
      if (!taken.has(list.id) && sameListName(list.name, role)) fill(role, list, 'name');
  }
  for (const fill of fills) filled.add(fill.role);

  const candidates = open
    .filter((list) => !taken.has(list.id))
    .map((list) => ({ list, roles: rolesSuggestedBy(list.name) }))
    .filter((c) => c.roles.length > 0);
  for (const onlyOneRole of [true, false]) {
    for (const { list, roles } of candidates) {
      if (taken.has(list.id) || (onlyOneRole && roles.length > 1)) continue;
      const role = roles.find((r) => !filled.has(r));
      if (!role) continue;
      fill(role, list, 'synonym');
      filled.add(role);
    }
  }

  const ordered = PROCESS_LISTS.flatMap((role) => fills.filter((f) => f.role === role));
  return {
    fills: ordered,
    unassigned: open.filter((list) => !taken.has(list.id)),
    of: (role) => ordered.filter((f) => f.role === role),
    ids: (role) => new Set(ordered.filter((f) => f.role === role).map((f) => f.list.id)),
  };
}

/** A list in a hint's words: "“In progress”", or "“HACIENDO” (your “In progress”)". */
export function listInRole(lists: readonly BoardList[], id: string, role: ListRole): string {
  const name = lists.find((l) => l.id === id)?.name;
  return name === undefined || sameListName(name, role)
    ? `“${role}”`
    : `“${name.trim()}” (your “${role}”)`;
}

/** The team's mappings for one board (by short link), from the settings. */
export function mappingsFor(settings: Settings, board: string): RoleMappings {
  return settings.trello.listRoles[board] ?? {};
}

/**
 * The settings' `trello.listRoles` with this list filling this role on this board (its name kept
 * for people reading the settings); a list mapped to the role before is unmapped: one list per
 * role by mapping. Undefined when it is already so.
 */
export function withListRole(
  settings: Settings,
  board: string,
  list: { id: string; name: string },
  role: ListRole,
): Settings['trello']['listRoles'] | undefined {
  const current = settings.trello.listRoles[board] ?? {};
  const entry = current[list.id];
  if (entry?.role === role && entry.name === list.name) return undefined;
  const others = Object.entries(current).filter(([id, e]) => id !== list.id && e.role !== role);
  return {
    ...settings.trello.listRoles,
    [board]: { ...Object.fromEntries(others), [list.id]: { role, name: list.name } },
  };
}

/**
 * The roles of a snapshot's lists, made once per lists array and mappings object: every rule of
 * one evaluation asks for the same board.
 */
const rolesCache = /* @__PURE__ */ new WeakMap<
  readonly BoardList[],
  WeakMap<RoleMappings, BoardRoles>
>();
const NO_MAPPINGS: RoleMappings = {};

export function boardRoles(
  board: { shortLink: string; lists: readonly BoardList[] },
  settings: Settings,
): BoardRoles {
  const mappings = settings.trello.listRoles[board.shortLink] ?? NO_MAPPINGS;
  let byMappings = rolesCache.get(board.lists);
  if (!byMappings) {
    byMappings = new WeakMap();
    rolesCache.set(board.lists, byMappings);
  }
  let roles = byMappings.get(mappings);
  if (!roles) {
    roles = listRoles(board.lists, mappings);
    byMappings.set(mappings, roles);
  }
  return roles;
}

/**
 * What the board lacks of the required lists (`process.lists`): the roles no list fills, and the
 * required names that are not roles and that no open list carries. In the process's order.
 */
export function missingRequired(
  required: readonly string[],
  roles: BoardRoles,
  lists: readonly BoardList[],
): string[] {
  return required.filter((name) => {
    const role = roleNamed(name);
    if (role) return roles.of(role).length === 0;
    return !lists.some((l) => !l.closed && sameListName(l.name, name));
  });
}

/**
 * Positions for the missing process lists, so the board ends up in process order: each missing
 * list goes between its nearest present neighbours in process order (Trello's `pos` is a float).
 * A required name is present when a list fills its role (by mapping, name or synonym).
 */
export function positionsForMissing(
  required: readonly string[],
  lists: readonly (BoardList & { pos: number })[],
  mappings: RoleMappings = {},
): { name: string; pos: number }[] {
  const open = lists.filter((l) => !l.closed);
  const roles = listRoles(open, mappings);
  const posOf = (name: string): number | undefined => {
    const role = roleNamed(name);
    const found = role ? roles.of(role)[0]?.list : open.find((l) => sameListName(l.name, name));
    return found?.pos;
  };
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
