/**
 * The options form's state: the text of each control of the field table, read from the settings
 * and secrets, and turned back into settings for the schema to validate.
 */
import type { Settings, SettingsIssue } from '../../utils/process/settings';
import type { Secrets } from '../../utils/storage';
import { type FieldKind, type FieldName, OPTION_FIELDS, SECRET_PREFIX } from './fields';

/** The text of each control, by field name. */
export type Draft = Record<FieldName, string>;

export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A stored value as the text of its control. */
const textFromValue: Record<FieldKind, (value: unknown) => string> = {
  text: String,
  trimmed: String,
  password: String,
  number: String,
  choice: String,
  lines: (value) => listOf(value).join('\n'),
  commas: (value) => listOf(value).join(', '),
  pairs: (value) =>
    Object.entries(value ?? {})
      .map(([key, target]) => `${key} ${target}`)
      .join('\n'),
};

/**
 * A control's text as the value to validate. Numbers are kept as typed: the schema names the
 * field when one is not a whole number in range.
 */
const valueFromText: Record<FieldKind, (text: string) => unknown> = {
  text: (text) => text,
  trimmed: (text) => text.trim(),
  password: (text) => text,
  number: Number,
  choice: Number,
  lines,
  commas: (text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  // "owner/repo board" per line; a line that is not two words is kept for validation to name.
  pairs: (text) =>
    Object.fromEntries(
      lines(text).map((line) => {
        const [key = '', target = ''] = line.split(/\s+/);
        return [key, target];
      }),
    ),
};

const secretKey = (name: string) =>
  name.startsWith(SECRET_PREFIX) ? (name.slice(SECRET_PREFIX.length) as keyof Secrets) : undefined;

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

function setValueAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = root;
  for (const key of keys) {
    node[key] = { ...(node[key] as Record<string, unknown> | undefined) };
    node = node[key] as Record<string, unknown>;
  }
  node[last] = value;
}

export function draftFrom(settings: Settings, secrets: Partial<Secrets>): Draft {
  return Object.fromEntries(
    OPTION_FIELDS.map((field) => {
      const secret = secretKey(field.name);
      const value = secret ? (secrets[secret] ?? '') : valueAt(settings, field.name);
      return [field.name, textFromValue[field.kind](value)];
    }),
  ) as Draft;
}

/** Settings from the draft, keeping every field this form does not edit (for the schema to check). */
export function settingsFrom(settings: Settings, draft: Draft): unknown {
  const next: Record<string, unknown> = { ...settings };
  for (const field of OPTION_FIELDS) {
    if (!secretKey(field.name))
      setValueAt(next, field.name, valueFromText[field.kind](draft[field.name]));
  }
  return next;
}

export function secretsFrom(draft: Draft): Partial<Secrets> {
  return Object.fromEntries(
    OPTION_FIELDS.flatMap((field) => {
      const secret = secretKey(field.name);
      return secret ? [[secret, draft[field.name]]] : [];
    }),
  );
}

/** The field that shows an issue (`trello.boards.2` → `trello.boards`), if the form has it. */
export function formFieldOf(issue: SettingsIssue): FieldName | undefined {
  return OPTION_FIELDS.find(
    (field) => issue.field === field.name || issue.field.startsWith(`${field.name}.`),
  )?.name;
}
