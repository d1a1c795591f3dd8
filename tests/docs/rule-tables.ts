/**
 * The README's rule tables, written from the rule registry: one row per rule, between marker
 * comments (`<!-- rules:trello:start -->` … `<!-- rules:trello:end -->`, the same for github).
 * `npm run docs:rules` rewrites them; a unit test fails while the README is out of date.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RULES, type RuleId } from '../../utils/process/rules';
import type { AnyRule, RuleDocs, Surface } from '../../utils/process/rules/types';

export type RuleDocsById = ReadonlyMap<RuleId, RuleDocs>;

const RULES_DIR = resolve(import.meta.dirname, '../../utils/process/rules');

const isRule = (value: unknown): value is AnyRule =>
  typeof value === 'object' && value !== null && 'id' in value && 'evaluate' in value;

/**
 * Each rule file's `docs` export, by the id of the one rule beside it. Read from the files, not
 * from the registry, so that the content scripts, which bundle the registry, never carry them.
 */
export async function loadRuleDocs(): Promise<RuleDocsById> {
  const byId = new Map<RuleId, RuleDocs>();
  for (const file of readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts'))) {
    const module: Record<string, unknown> = await import(join(RULES_DIR, file));
    if (!module.docs) continue;
    const rules = Object.values(module).filter(isRule);
    if (rules.length !== 1) throw new Error(`${file}: docs goes beside exactly one rule`);
    byId.set((rules[0] as AnyRule).id, module.docs as RuleDocs);
  }
  return byId;
}

const SURFACE_NAMES: Record<Surface, string> = {
  'project-board': 'project board',
  card: 'card',
  'pipeline-card': 'pipeline card',
  'pipeline-board': 'pipeline board',
  'pull-request': 'pull request',
  'pr-list': 'PR list',
  issue: 'issue',
  popup: 'popup',
  badge: 'toolbar badge',
};

/** Which table a rule is in, by its id; `source.*` is described in the README's text instead. */
const TABLE_OF_PREFIX: Record<string, 'trello' | 'github' | undefined> = {
  board: 'trello',
  card: 'trello',
  pipeline: 'trello',
  pr: 'github',
  issue: 'github',
  push: 'github',
};

export type TableName = 'trello' | 'github';

const tableOf = (rule: AnyRule) => TABLE_OF_PREFIX[rule.id.split('.')[0] ?? ''];

function row(rule: AnyRule, docs: RuleDocs): string[] {
  return [
    `\`${rule.id}\``,
    docs.shownOn ?? rule.shows.map((surface) => SURFACE_NAMES[surface]).join(', '),
    docs.firesWhen,
    docs.default ?? '—',
    docs.changeIt ?? '—',
  ];
}

/** A Markdown table, its columns padded to their widest cell. */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((r) => r[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function ruleTable(
  table: TableName,
  docs: RuleDocsById,
  rules: readonly AnyRule[] = RULES,
): string {
  return markdownTable(
    ['Rule', 'Shown on', 'Fires when', 'Default', 'Change it'],
    rules
      .filter((rule) => tableOf(rule) === table)
      .map((rule) => {
        const rowDocs = docs.get(rule.id);
        if (!rowDocs) throw new Error(`${rule.id}: its file exports no docs`);
        return row(rule, rowDocs);
      }),
  );
}

/** The README with every rule table written from the registry. */
export function withRuleTables(
  readme: string,
  docs: RuleDocsById,
  rules: readonly AnyRule[] = RULES,
): string {
  let out = readme;
  for (const table of ['trello', 'github'] as const) {
    const start = `<!-- rules:${table}:start -->`;
    const end = `<!-- rules:${table}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
    out = `${out.slice(0, from + start.length)}\n\n${ruleTable(table, docs, rules)}\n\n${out.slice(to)}`;
  }
  return out;
}
