/**
 * Recorded real GitHub answers in ../shared/real-data/github/ (other projects' fixtures and
 * recordings), read at run time, mapped by the extension's own mapping and judged by its rules.
 * Expected values come from reading each answer: who approved which commit, where the head lives.
 */
import { describe, expect, it } from 'vitest';
import { forkPush, toIssue, toPull, toReviews } from '../../utils/github/mapping';
import type { PullRef } from '../../utils/github/snapshot';
import type { Finding } from '../../utils/process/findings';
import { countReviews } from '../../utils/process/reviews';
import { evaluateIssue, evaluatePull } from '../../utils/process/rules';
import { defaultSettings } from '../../utils/process/settings';
import { readReal, realFiles } from '../fixtures/real-data';

const settings = defaultSettings();
const ref = (path: string): PullRef => {
  const [owner = '', repo = '', number = '0'] = path.split('/');
  return { owner, repo, number: Number(number) };
};
const gh = (file: string) => readReal('github', file);

function pullFindings(pull: string, at: string, reviews?: string) {
  const snapshot = toPull(ref(at), gh(pull) as never, reviews ? gh(reviews) : [], []);
  expect(snapshot).toBeDefined();
  const findings = evaluatePull(
    { ...(snapshot as NonNullable<typeof snapshot>), fetchedAt: 0 },
    settings,
  );
  return {
    snapshot,
    findings,
    rules: (f: Finding[] = findings) => f.map((x) => `${x.rule} ${x.severity}`),
  };
}

/** The one finding of a rule (pr.reviews shows twice: at the title and at the merge box). */
const first = (findings: Finding[], rule: Finding['rule']) => findings.find((f) => f.rule === rule);

const USED = [
  'danger-js-artsy-emission-327-github_comments.json',
  'danger-js-artsy-emission-327-github_issue.json',
  'danger-js-artsy-emission-327-github_pr.json',
  'danger-js-artsy-emission-327-reviews.json',
  'integrations-slack-atom-17293-reviews.json',
  'integrations-slack-hub-pr-1535.json',
  'integrations-slack-react-issue-10191.json',
  'octokit-fixtures-get-repository.raw-fixture.json',
  'octokit-fixtures-paginate-issues.raw-fixture.json',
  'pygithub-coleslaw-pr-173-fork-renamed.json',
  'pygithub-issue-3372-comments.json',
  'pygithub-issue-3372.json',
  'pygithub-pr-3370-head-in-same-repo.json',
  'pygithub-pr-538-head-in-fork.json',
  'pygithub-pr-538-review-28482091-approved.json',
  'pygithub-pr-538-review-28482091-dismissed-HANDEDITED.json',
  'pygithub-pr-538-reviews.json',
  'pygithub-repo-PyGithub.json',
  'pygithub-repo-fork-EnricoMi.json',
];

describe('the real GitHub answers', () => {
  it('covers every recorded answer in the folder', () => {
    expect(realFiles('github')).toEqual(USED);
  });

  describe('pull requests', () => {
    it('PyGithub#538, from the fork allevin/PyGithub: approved by jzelinskie on an older commit', () => {
      const { snapshot, findings, rules } = pullFindings(
        'pygithub-pr-538-head-in-fork.json',
        'PyGithub/PyGithub/538',
        'pygithub-pr-538-reviews.json',
      );
      expect(snapshot?.head).toEqual({
        ref: 'Add_Pull_Request_Reviews_Feature',
        repo: { fullName: 'allevin/PyGithub', fork: true, defaultBranch: 'master' },
      });
      // Merged: the reviews are `ok` whatever the count; from a fork, on a feature branch.
      expect(rules()).toEqual(['pr.reviews ok', 'pr.reviews ok', 'pr.no-card warn']);
      const reviews = first(findings, 'pr.reviews');
      expect(reviews?.title).toBe('Merged with 1 of 1 approvals');
      // jzelinskie approved 7a0fcb2; the head is b6b127d. Four comment-only reviews do not count.
      expect(reviews?.message).toContain(
        'Approved by @jzelinskie. @jzelinskie approved an older commit.',
      );
    });

    it('a dismissed approval (the hand-edited recording) counts for nothing; the approved one counts', () => {
      const approved = toReviews([gh('pygithub-pr-538-review-28482091-approved.json')]) ?? [];
      const dismissed =
        toReviews([gh('pygithub-pr-538-review-28482091-dismissed-HANDEDITED.json')]) ?? [];
      expect(countReviews(approved, 'allevin').approvals).toEqual(['jzelinskie']);
      expect(countReviews([...approved, ...dismissed], 'allevin').approvals).toEqual([]);
    });

    it('PyGithub#3370, dependabot’s branch in the org repository: "not from a fork"', () => {
      const { findings, rules } = pullFindings(
        'pygithub-pr-3370-head-in-same-repo.json',
        'PyGithub/PyGithub/3370',
      );
      expect(rules()).toEqual([
        'pr.reviews ok',
        'pr.reviews ok',
        'pr.not-from-fork warn',
        'pr.no-card warn',
      ]);
      expect(first(findings, 'pr.not-from-fork')?.message).toBe(
        'The branch “dependabot/github_actions/actions/setup-python-6” lives in PyGithub/PyGithub itself.',
      );
    });

    it('artsy/emission#327 (2016 shape, no draft or author_association): a non-fork repository of another owner is not the org repository; the author’s own reviews do not count', () => {
      const { snapshot, findings, rules } = pullFindings(
        'danger-js-artsy-emission-327-github_pr.json',
        'artsy/emission/327',
        'danger-js-artsy-emission-327-reviews.json',
      );
      expect(snapshot?.head.repo).toEqual({
        fullName: 'orta/emission',
        fork: false,
        defaultBranch: 'master',
      });
      expect(rules()).toEqual(['pr.reviews ok', 'pr.reviews ok', 'pr.no-card warn']);
      expect(first(findings, 'pr.reviews')?.title).toBe('Merged with 0 of 1 approvals');
    });

    it('coleslaw#173, open, from a fork with another name: waiting for an approval', () => {
      const { findings, rules } = pullFindings(
        'pygithub-coleslaw-pr-173-fork-renamed.json',
        'coleslaw-org/coleslaw/173',
      );
      expect(rules()).toEqual(['pr.reviews warn', 'pr.reviews warn', 'pr.no-card warn']);
      expect(findings.map((f) => f.title).slice(0, 2)).toEqual([
        'Approvals from others: 0 of 1',
        'Do not merge yet: 0 of 1 approvals from others',
      ]);
    });

    it('github/hub#1535 from the user fork e-beach/hub: nothing about forks or branches', () => {
      const { rules } = pullFindings('integrations-slack-hub-pr-1535.json', 'github/hub/1535');
      expect(rules()).toEqual(['pr.reviews ok', 'pr.reviews ok', 'pr.no-card warn']);
    });

    it('atom#17293’s reviews: two members asked for changes', () => {
      const reviews = toReviews(gh('integrations-slack-atom-17293-reviews.json')) ?? [];
      expect(countReviews(reviews, 'someone-else')).toEqual({
        approvals: [],
        changesRequested: ['thomasjo', 'fosslinux'],
        staleApprovals: [],
      });
    });
  });

  describe('issues', () => {
    const issueFindings = (file: string, at: string, comments: unknown, now: string) => {
      const issue = toIssue(ref(at), gh(file) as never, comments);
      expect(issue).toBeDefined();
      return evaluateIssue(
        { ...(issue as NonNullable<typeof issue>), fetchedAt: 0 },
        settings,
        Date.parse(now),
      );
    };

    it('PyGithub#3372: a 3,478-character body and 4 comments from 2 people make it card-sized', () => {
      const [finding, ...rest] = issueFindings(
        'pygithub-issue-3372.json',
        'PyGithub/PyGithub/3372',
        gh('pygithub-issue-3372-comments.json'),
        '2025-09-29T12:00:00Z', // the day it was recorded
      );
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({
        rule: 'issue.needs-card',
        severity: 'warn',
        title: 'Looks too big for an issue (body, comments)',
        message:
          'Score 3 (a card from 3). body: 3,478 characters (+2); comments: 4 (+1); participants: 2; labels: none that count; task list: 0 items; age: 19 days.',
      });
    });

    it('facebook/react#10191 without its 126 comments fetched: the body alone scores 1', () => {
      const [finding] = issueFindings(
        'integrations-slack-react-issue-10191.json',
        'facebook/react/10191',
        [],
        '2017-07-20T00:00:00Z',
      );
      expect(finding).toMatchObject({ severity: 'ok', title: 'Simple enough for an issue' });
      expect(finding?.message).toContain('Score 1 (a card from 3). body: 1,310 characters (+1)');
    });

    it('artsy/emission#327 through the issues API: 4 comments from 4 people; "bug" does not count', () => {
      const [finding] = issueFindings(
        'danger-js-artsy-emission-327-github_issue.json',
        'artsy/emission/327',
        gh('danger-js-artsy-emission-327-github_comments.json'),
        '2016-10-01T00:00:00Z',
      );
      expect(finding).toMatchObject({
        severity: 'warn',
        title: 'Looks too big for an issue (comments, participants)',
      });
      expect(finding?.message).toContain(
        'comments: 4 (+1); participants: 4 (+2); labels: none that count',
      );
    });

    it('the paginated issues recording: every page’s issues map, 13 in all', () => {
      const recording = gh('octokit-fixtures-paginate-issues.raw-fixture.json') as {
        method: string;
        path: string;
        response: unknown;
      }[];
      const pages = recording.filter((r) => r.method === 'get' && Array.isArray(r.response));
      const issues = pages.flatMap((page) =>
        (page.response as { number: number }[]).map((issue) =>
          toIssue(ref(`octokit-fixture-org/tmp/${issue.number}`), issue as never, []),
        ),
      );
      expect(pages).toHaveLength(5);
      expect(issues).toHaveLength(13);
      expect(issues.every((issue) => issue && issue.state === 'open' && issue.title)).toBe(true);
    });
  });

  describe('repositories ("my day" reads a fork’s last push)', () => {
    it('a user fork with parent and source: its push time; an org repository is no fork', () => {
      expect(forkPush(gh('pygithub-repo-fork-EnricoMi.json') as never)).toEqual({
        pushedAt: Date.parse('2026-08-20T08:27:36Z'),
      });
      expect(forkPush(gh('pygithub-repo-PyGithub.json') as never)).toBeUndefined();
      const [get] = gh('octokit-fixtures-get-repository.raw-fixture.json') as {
        response: unknown;
      }[];
      expect(forkPush(get?.response as never)).toBeUndefined();
    });
  });
});
