// What each benchmark part hands back: its tables (Markdown) and its budget checks.

export interface Check {
  /** What is checked, e.g. "content-scripts/trello.js gzip". */
  name: string;
  /** Measured, formatted. */
  value: string;
  /** The budget, formatted. */
  limit: string;
  ok: boolean;
}

export interface Section {
  title: string;
  /** Markdown: one or more tables with a line or two of explanation. */
  body: string;
  checks: Check[];
}

export function check(
  name: string,
  value: number,
  limit: number,
  fmt: (n: number) => string,
): Check {
  return { name, value: fmt(value), limit: `≤ ${fmt(limit)}`, ok: value <= limit };
}
