/**
 * The shareable settings object (the storage contract, docs/architecture.md "Contracts"), validated with valibot.
 * Missing fields take the process defaults; unknown fields are kept (looseObject);
 * an invalid value is reported by its dotted field name and replaced by its default.
 */
import * as v from 'valibot';
import { normaliseBoardRef } from '../trello/pages';

export const PROCESS_LISTS = [
  'Unsorted',
  'Would be nice',
  'Need to do',
  'Stuck',
  'In progress',
  'Done',
] as const;

/** Labels that mark an issue as discussion-sized rather than "a simple thing we can implement quickly". */
export const NEEDS_CARD_LABELS = [
  'discussion',
  'feature',
  'enhancement',
  'design',
  'ux',
  'question',
  'proposal',
] as const;

/** One list's entry in `trello.listRoles`: its role, and its name when it was mapped (for people). */
export interface ListRoleEntry {
  role: (typeof PROCESS_LISTS)[number];
  name?: string;
}

function isListRoleEntry(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const { role, name } = value;
  return (
    typeof role === 'string' &&
    (PROCESS_LISTS as readonly string[]).includes(role) &&
    (name === undefined || (typeof name === 'string' && name.length <= 16384))
  );
}

// Short links only (the settings contract): every other part compares boards by short link, so a 24-character
// board id would never match.
const BOARD_REF_MESSAGE =
  'must be a Trello board short link (the 8 characters after trello.com/b/) or board URL';
const boardRef = v.pipe(
  v.string(BOARD_REF_MESSAGE),
  v.trim(),
  v.transform(normaliseBoardRef),
  v.regex(/^[A-Za-z0-9]{8}$/, BOARD_REF_MESSAGE),
);
const optionalBoardRef = v.union(
  [v.literal(''), boardRef],
  'must be empty or a Trello board short link or board URL',
);
const repoName = v.pipe(
  v.string('must be "owner/repo"'),
  v.trim(),
  v.regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, 'must be "owner/repo"'),
);
const whole = (min: number, max: number, unit: string) =>
  v.pipe(
    v.number(`must be a number of ${unit}`),
    v.integer(`must be a whole number of ${unit}`),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const timeZone = v.pipe(
  v.string('must be an IANA time zone such as America/Los_Angeles'),
  v.check(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles'),
);

export const SettingsSchema = v.looseObject({
  version: v.optional(v.literal(1, 'must be 1'), 1),
  trello: v.optional(
    v.looseObject({
      apiKey: v.optional(v.pipe(v.string('must be text'), v.trim()), ''),
      pipelineBoard: v.optional(optionalBoardRef, ''),
      boards: v.optional(v.array(boardRef, 'must be a list of boards'), []),
      /** The team's mapping of lists to process roles, per board (docs/architecture.md, "List roles"). */
      listRoles: v.optional(
        v.record(
          v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{8}$/, BOARD_REF_MESSAGE)),
          v.record(
            v.pipe(v.string(), v.regex(/^[0-9a-f]{24}$/, 'must be a Trello list id')),
            v.custom<ListRoleEntry>(
              isListRoleEntry,
              `must be {"role": one of ${PROCESS_LISTS.join(', ')}, "name": the list's name}`,
            ),
            'must map Trello list ids to roles',
          ),
          'must map board short links to their lists’ roles',
        ),
        {},
      ),
    }),
    {},
  ),
  github: v.optional(
    v.looseObject({
      repos: v.optional(v.array(repoName, 'must be a list of "owner/repo"'), []),
      boardForRepo: v.optional(
        v.record(repoName, boardRef, 'must map "owner/repo" to a board'),
        {},
      ),
      /** Added to an issue closed by a move (when the repository has it); empty: none. */
      closeLabel: v.optional(
        v.pipe(
          v.string('must be a label name'),
          v.trim(),
          v.maxLength(50, 'must be at most 50 characters'),
        ),
        '',
      ),
    }),
    {},
  ),
  process: v.optional(
    v.looseObject({
      lists: v.optional(
        v.pipe(
          v.array(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'))),
          v.minLength(1, 'must name at least one list'),
        ),
        () => [...PROCESS_LISTS],
      ),
      staleInProgressDays: v.optional(whole(1, 365, 'days'), 7),
      deadlineHorizonDays: v.optional(whole(1, 3650, 'days'), 56),
      pipelineStaleDays: v.optional(whole(1, 365, 'days'), 31),
      requiredApprovals: v.optional(whole(0, 10, 'approvals'), 1),
      pushIntervalHours: v.optional(whole(1, 24 * 30, 'hours'), 24),
      techCall: v.optional(
        v.looseObject({
          weekday: v.optional(whole(0, 6, 'days (0 = Sunday … 6 = Saturday)'), 4),
          time: v.optional(
            v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)')),
            '07:00',
          ),
          timeZone: v.optional(timeZone, 'America/Los_Angeles'),
        }),
        {},
      ),
      /** issue.needs-card: the score at which an issue looks too big, and the labels that count. */
      needsCard: v.optional(
        v.looseObject({
          score: v.optional(whole(1, 100, 'points'), 3),
          labels: v.optional(
            v.array(v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'))),
            () => [...NEEDS_CARD_LABELS],
          ),
        }),
        {},
      ),
      devListAddress: v.optional(
        v.union(
          [v.literal(''), v.pipe(v.string(), v.trim(), v.email('must be an email address'))],
          'must be empty or an email address',
        ),
        '',
      ),
    }),
    {},
  ),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export interface SettingsIssue {
  /** Dotted field name, e.g. `process.staleInProgressDays` or `trello.boards.1`. */
  field: string;
  message: string;
}

export type SettingsValidation =
  | { ok: true; settings: Settings }
  | { ok: false; issues: SettingsIssue[] };

/** Strict check, used when a user saves or imports settings: any invalid field refuses the whole. */
export function validateSettings(input: unknown): SettingsValidation {
  const result = v.safeParse(SettingsSchema, input ?? {});
  if (result.success) return { ok: true, settings: result.output };
  return { ok: false, issues: result.issues.map(toIssue) };
}

/**
 * Lenient read, used when loading what is stored: every invalid field is reported and falls
 * back to its default (an invalid list entry is removed), everything else is kept.
 */
export function readSettings(input: unknown): { settings: Settings; issues: SettingsIssue[] } {
  const issues: SettingsIssue[] = [];
  let candidate: unknown = isPlainObject(input) ? structuredClone(input) : {};
  if (input !== undefined && input !== null && !isPlainObject(input)) {
    issues.push({ field: '(settings)', message: 'must be an object; using the defaults' });
  }
  // Each pass removes the first field that failed (one at a time, so list indices stay right);
  // the schema's defaults then fill it in.
  for (let pass = 0; pass < 100; pass++) {
    const result = v.safeParse(SettingsSchema, candidate);
    if (result.success) return { settings: result.output, issues };
    const [first] = result.issues;
    issues.push(toIssue(first));
    candidate = withoutPath(candidate, issuePath(first));
  }
  return { settings: defaultSettings(), issues };
}

export function defaultSettings(): Settings {
  return v.parse(SettingsSchema, {});
}

function toIssue(issue: v.BaseIssue<unknown>): SettingsIssue {
  return { field: issuePath(issue).join('.') || '(settings)', message: issue.message };
}

function issuePath(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number);
}

function withoutPath(root: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0) return {};
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node) && !Array.isArray(node)) return root;
    node = (node as Record<string | number, unknown>)[key];
  }
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else if (isPlainObject(node)) delete node[last];
  return root;
}

function isPlainObject(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
