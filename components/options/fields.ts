/**
 * The options form as one table: each field's place in the settings (or the secrets), its label,
 * help and kind of control. The form's state, its validation messages and its controls all read
 * this table; what a valid value is stays with the settings schema, which names an invalid one by
 * the same dotted path.
 */

/** How a field is edited, and so how its value turns into the text of its control and back. */
export type FieldKind =
  | 'text'
  /** Text whose surrounding spaces are dropped before validation (the schema would refuse them). */
  | 'trimmed'
  | 'password'
  | 'number'
  /** A list, one entry per line (board short links or URLs, "owner/repo", list names). */
  | 'lines'
  /** A list, comma-separated on one line. */
  | 'commas'
  /** A mapping, one "key value" pair per line. */
  | 'pairs'
  /** One of `choices`; the value is the choice's index. */
  | 'choice';

export type OptionSection = 'trello' | 'github' | 'process' | 'reviews' | 'call';

export interface OptionField {
  /**
   * The dotted path in the settings, or `secrets.<token>` for a secret: also the control's name
   * and the field a validation issue names.
   */
  name: string;
  label: string;
  help?: string;
  kind: FieldKind;
  section: OptionSection;
  /** The choices of a `choice` field, in value order. */
  choices?: readonly string[];
  /** A fixed element id, as the page has always had for this control; otherwise a generated one. */
  id?: string;
}

export const SECRET_PREFIX = 'secrets.';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const TABLE = [
  {
    name: 'trello.apiKey',
    label: 'API key',
    kind: 'text',
    section: 'trello',
    help: 'From trello.com/power-ups/admin → your Power-Up → API key.',
  },
  {
    name: 'secrets.trelloToken',
    label: 'Token',
    kind: 'password',
    section: 'trello',
    help: 'Read and write access to your boards. Revoke it any time in your Trello account settings.',
  },
  {
    name: 'trello.pipelineBoard',
    label: 'Project Pipeline board',
    kind: 'text',
    section: 'trello',
    help: 'A board URL or its short link.',
  },
  {
    name: 'trello.boards',
    label: 'Watched project boards',
    kind: 'lines',
    section: 'trello',
    help: 'One board URL or short link per line.',
  },
  {
    name: 'secrets.githubToken',
    label: 'Token',
    kind: 'password',
    section: 'github',
    help: "A fine-grained token for the team's repositories: Issues read & write, Pull requests read, Metadata read, and Contents read (to load the team's settings file from a private repository).",
  },
  {
    name: 'github.repos',
    label: 'Watched repositories',
    kind: 'lines',
    section: 'github',
    help: 'One "owner/repo" per line.',
  },
  {
    name: 'process.lists',
    label: 'Process lists of a project board',
    kind: 'lines',
    section: 'process',
    help: 'One per line, in process order (board.missing-lists; “Add the missing lists” creates them in this order).',
  },
  {
    name: 'process.staleInProgressDays',
    label: 'Days in “In progress” before a card is stale',
    kind: 'number',
    section: 'process',
    help: 'card.stale-in-progress, counted from when the card moved into the list. Default 7.',
  },
  {
    name: 'process.deadlineHorizonDays',
    label: 'Deadline horizon (days)',
    kind: 'number',
    section: 'process',
    help: 'pipeline.deadline-too-far: a project due later than this should be divided. Default 56 (8 weeks).',
  },
  {
    name: 'process.pipelineStaleDays',
    label: 'Pipeline card stale after (days)',
    kind: 'number',
    section: 'process',
    help: 'pipeline.stale and pipeline.review-due: the monthly review window. Default 31.',
  },
  {
    name: 'process.pushIntervalHours',
    label: 'Hours without a push to your forks before it is overdue',
    kind: 'number',
    section: 'process',
    help: 'push.overdue, in the popup and the badge. Default 24.',
  },
  {
    name: 'process.requiredApprovals',
    label: 'Approvals needed from others before merging',
    kind: 'number',
    section: 'reviews',
    help: 'pr.reviews. Default 1.',
  },
  {
    name: 'github.boardForRepo',
    label: 'Repository → board',
    kind: 'pairs',
    section: 'reviews',
    help: 'One "owner/repo board" per line, e.g. "p2pu/lernanta LeRnAnTa": where "Create card" and "Move to a Trello card" put cards.',
  },
  {
    name: 'github.closeLabel',
    label: 'Label for issues closed by a move',
    kind: 'text',
    section: 'reviews',
    help: 'Added when “Move to a Trello card” closes an issue, if the repository has that label (none is created). Empty: no label.',
  },
  {
    name: 'process.needsCard.score',
    label: 'Score at which an issue needs a card',
    kind: 'number',
    section: 'reviews',
    help: 'issue.needs-card. Default 3.',
  },
  {
    name: 'process.needsCard.labels',
    label: 'Labels that count towards it',
    kind: 'commas',
    section: 'reviews',
    help: 'Comma-separated.',
  },
  {
    name: 'process.techCall.weekday',
    label: 'Day',
    kind: 'choice',
    section: 'call',
    choices: WEEKDAYS,
    id: 'call-weekday',
  },
  {
    name: 'process.techCall.time',
    label: 'Time (24-hour, in the call’s time zone)',
    kind: 'text',
    section: 'call',
    help: 'Default 07:00.',
  },
  {
    name: 'process.techCall.timeZone',
    label: 'The call’s time zone',
    kind: 'trimmed',
    section: 'call',
    help: 'An IANA zone. Default America/Los_Angeles (“7:00 AM PST”); each member sees the call in their own zone.',
  },
  {
    name: 'process.devListAddress',
    label: 'Development list address',
    kind: 'trimmed',
    section: 'call',
    help: 'Where “Email the development list” sends the call notes.',
  },
] as const satisfies readonly OptionField[];

export type FieldName = (typeof TABLE)[number]['name'];

export interface FormField extends OptionField {
  name: FieldName;
}

/** Every field of the form, in the order the page shows them. */
export const OPTION_FIELDS: readonly FormField[] = TABLE;

export const SECTION_LEGENDS: Record<OptionSection, string> = {
  trello: 'Trello',
  github: 'GitHub',
  process: 'Process rules',
  reviews: 'Reviews and issues',
  call: 'Weekly tech call',
};

export const fieldsIn = (section: OptionSection): readonly FormField[] =>
  OPTION_FIELDS.filter((field) => field.section === section);
