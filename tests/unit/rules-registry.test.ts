import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../utils/process/rules/ids';
import {
  evaluateIssue,
  evaluatePull,
  ISSUE_RULES,
  PIPELINE_RULES,
  PROJECT_BOARD_RULES,
  PULL_RULES,
  RULES,
  ruleById,
  SUMMARY_RULES,
} from '../../utils/process/rules/index';
import { defaultSettings } from '../../utils/process/settings';
import { loadRuleDocs, withRuleTables } from '../docs/rule-tables';
import { comment, issue, NOW, pull } from '../fixtures/github';

const ids = RULES.map((rule) => rule.id);

describe('the rule registry', () => {
  it('has each id once, and agrees with the RuleId union, in the same order', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...RULE_IDS]);
  });

  it('gives every process rule a sentence of the process; only source.* have none', () => {
    for (const rule of RULES) {
      if (rule.id.startsWith('source.')) expect(rule.sentence, rule.id).toBeUndefined();
      else expect(rule.sentence?.length, rule.id).toBeGreaterThan(20);
    }
  });

  it('says where each rule shows, and documents it for the README', async () => {
    const docs = await loadRuleDocs();
    for (const rule of RULES) {
      expect(rule.shows.length, rule.id).toBeGreaterThan(0);
      expect(docs.get(rule.id)?.firesWhen.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('gives the popup its counts: same ids, labels and order as ever', () => {
    expect(SUMMARY_RULES).toEqual([
      { rule: 'board.missing-lists', name: 'Missing lists' },
      { rule: 'board.not-in-pipeline', name: 'Board not in pipeline' },
      { rule: 'card.stale-in-progress', name: 'Stale in progress' },
      { rule: 'card.stuck', name: 'Stuck cards' },
      { rule: 'pipeline.no-deadline', name: 'No deadline' },
      { rule: 'pipeline.deadline-too-far', name: 'Deadline too far' },
      { rule: 'pipeline.overdue', name: 'Overdue' },
      { rule: 'pipeline.no-board', name: 'No project board' },
      { rule: 'pipeline.stale', name: 'Not updated' },
      { rule: 'pipeline.review-due', name: 'Pipeline review due' },
      { rule: 'pr.reviews', name: 'PRs waiting for review' },
      { rule: 'pr.not-from-fork', name: 'PRs not from a fork' },
      { rule: 'pr.default-branch', name: 'PRs from a default branch' },
      { rule: 'pr.no-card', name: 'PRs with no card' },
      { rule: 'push.overdue', name: 'Push overdue' },
    ]);
    // A rule shown in the popup is counted there, under a label.
    for (const rule of RULES.filter((r) => r.shows.includes('popup')))
      expect(rule.summaryLabel, rule.id).toBeTruthy();
  });

  it('runs every board, pull request and issue rule in exactly one group, all from the registry', () => {
    const groups = [PROJECT_BOARD_RULES, PIPELINE_RULES, PULL_RULES, ISSUE_RULES].flat();
    expect(new Set(groups.map((rule) => rule.id)).size).toBe(groups.length);
    for (const rule of groups) expect(RULES).toContain(rule);
    const evaluatedElsewhere = ['push.overdue', 'source.loading', 'source.unavailable'];
    expect(RULES.filter((rule) => !groups.includes(rule)).map((rule) => rule.id)).toEqual(
      evaluatedElsewhere,
    );
  });

  it('finds a rule by its id', () => {
    expect(ruleById('pr.reviews').summaryLabel).toBe('PRs waiting for review');
  });

  it('findings quote the sentence of their own rule', () => {
    const settings = defaultSettings();
    const findings = [
      ...evaluatePull(pull(), settings),
      ...evaluatePull(pull({ boardCard: 'XyZw9876' }), settings),
      ...evaluateIssue(issue(), settings, NOW),
      ...evaluateIssue(
        issue({ comments: [comment('bob', 'https://trello.com/c/AbCd1234')] }),
        settings,
        NOW,
      ),
    ];
    expect(new Set(findings.map((f) => f.rule))).toEqual(
      new Set(['pr.reviews', 'pr.no-card', 'pr.on-card', 'issue.needs-card', 'issue.on-card']),
    );
    for (const finding of findings) expect(finding.sentence).toBe(ruleById(finding.rule).sentence);
  });
});

describe('the README', () => {
  it('has the rule tables the registry writes', async () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    expect(
      withRuleTables(readme, await loadRuleDocs()) === readme,
      'README.md rule tables are out of date: run npm run docs:rules',
    ).toBe(true);
  });
});
