/**
 * Importing settings (a shared file, the team's repository) over the current ones: the file wins
 * where it has a value, everything it does not mention stays, and the Trello API key stays unless
 * the file sets one. Pure.
 */
import type { Settings } from './settings';

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined || over === null) return base;
  if (!isPlain(base) || !isPlain(over)) return over;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

/** The file over the current settings, still to be validated (a file may hold anything). */
export function mergeImported(current: Settings, file: unknown): unknown {
  if (!isPlain(file)) return file;
  const merged = deepMerge(current, file) as Plain;
  const fileKey = isPlain(file.trello) ? file.trello.apiKey : undefined;
  // An exported file carries the exporter's key, often empty: only a key that is set replaces yours.
  if (typeof fileKey !== 'string' || !fileKey.trim()) {
    merged.trello = { ...(merged.trello as Plain), apiKey: current.trello.apiKey };
  }
  return merged;
}

/** `input` (settings to validate) with the lists' roles of `stored`: the form never edits them. */
export function withListRolesOf(stored: Settings, input: unknown): unknown {
  if (!isPlain(input)) return input;
  const trello = isPlain(input.trello) ? input.trello : {};
  return { ...input, trello: { ...trello, listRoles: stored.trello.listRoles } };
}

/** The dotted names of the settings that differ (lists compared whole), in a stable order. */
export function changedSettings(before: unknown, after: unknown, path = ''): string[] {
  if (isPlain(before) && isPlain(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      changedSettings(before[key], after[key], path ? `${path}.${key}` : key),
    );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}
