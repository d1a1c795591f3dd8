import { describe, expect, it } from 'vitest';
import type { PullSnapshot } from '../../utils/github/snapshot';
import { cardLinksIn, cardMarker, pullLinksIn } from '../../utils/process/links';
import { countReviews } from '../../utils/process/reviews';
import { evaluateIssue, evaluatePull } from '../../utils/process/rules';
import { prDefaultBranch } from '../../utils/process/rules/pr-default-branch';
import { prNoCard as prNoCardRule } from '../../utils/process/rules/pr-no-card';
import { prNotFromFork } from '../../utils/process/rules/pr-not-from-fork';
import { prOnCard as prOnCardRule } from '../../utils/process/rules/pr-on-card';
import { prReviews as prReviewsRule } from '../../utils/process/rules/pr-reviews';
import { defaultSettings, type Settings } from '../../utils/process/settings';
import { comment, issue, NOW, pull, review } from '../fixtures/github';

const settings = defaultSettings();
const prReviews = (p: PullSnapshot, s: Settings) =>
  prReviewsRule.evaluate({ pull: p, settings: s });
const prOnCard = (p: PullSnapshot) => prOnCardRule.evaluate({ pull: p, settings });
const prNoCard = (p: PullSnapshot) => prNoCardRule.evaluate({ pull: p, settings });
/** `pr.not-from-fork` and `pr.default-branch`: work in your fork, on a feature branch. */
const prBranchRules = (p: PullSnapshot) => [
  ...prNotFromFork.evaluate({ pull: p, settings }),
  ...prDefaultBranch.evaluate({ pull: p, settings }),
];

describe('counting reviews', () => {
  it('does not count the author’s own approval', () => {
    expect(
      countReviews([review('alice', 'APPROVED', '2026-11-20T00:00:00Z')], 'alice').approvals,
    ).toEqual([]);
  });

  it('keeps the latest deciding state per reviewer: approve then request changes', () => {
    const result = countReviews(
      [
        review('bob', 'APPROVED', '2026-11-20T00:00:00Z'),
        review('bob', 'CHANGES_REQUESTED', '2026-11-21T00:00:00Z'),
      ],
      'alice',
    );
    expect(result).toMatchObject({ approvals: [], changesRequested: ['bob'] });
  });

  it('a later comment-only review does not cancel an approval; a dismissal does', () => {
    expect(
      countReviews(
        [
          review('bob', 'APPROVED', '2026-11-20T00:00:00Z'),
          review('bob', 'COMMENTED', '2026-11-21T00:00:00Z'),
        ],
        'alice',
      ).approvals,
    ).toEqual(['bob']);
    expect(
      countReviews(
        [
          review('bob', 'APPROVED', '2026-11-20T00:00:00Z'),
          review('bob', 'DISMISSED', '2026-11-21T00:00:00Z'),
        ],
        'alice',
      ).approvals,
    ).toEqual([]);
  });

  it('counts several reviewers, in any answer order, and notes approvals of an older commit', () => {
    const result = countReviews(
      [
        review('carol', 'APPROVED', '2026-11-22T00:00:00Z', 'old'),
        review('bob', 'CHANGES_REQUESTED', '2026-11-19T00:00:00Z'),
        review('bob', 'APPROVED', '2026-11-21T00:00:00Z'),
        review('dan', 'COMMENTED', '2026-11-21T00:00:00Z'),
      ],
      'alice',
      'head',
    );
    expect(result.approvals.sort()).toEqual(['bob', 'carol']);
    expect(result.changesRequested).toEqual([]);
    expect(result.staleApprovals).toEqual(['carol']);
  });
});

describe('pr.reviews', () => {
  it('is ok when the required approvals are met, shown at the title and at the merge box', () => {
    const findings = prReviews(
      pull({ reviews: [review('bob', 'APPROVED', '2026-11-20T00:00:00Z')] }),
      settings,
    );
    expect(findings.map((f) => [f.anchor.kind, f.severity, f.title])).toEqual([
      ['header', 'ok', 'Approvals from others: 1 of 1'],
      ['merge-box', 'ok', 'Approvals from others: 1 of 1'],
    ]);
    expect(findings[0]?.subject).toBe('p2pu/lernanta#41');
  });

  it('warns, loudest at the merge box, when not met or when changes are requested', () => {
    const [header, mergeBox] = prReviews(
      pull({ reviews: [review('alice', 'APPROVED', '2026-11-20T00:00:00Z')] }),
      settings,
    );
    expect(header).toMatchObject({ severity: 'warn', title: 'Approvals from others: 0 of 1' });
    expect(mergeBox).toMatchObject({
      severity: 'warn',
      title: 'Do not merge yet: 0 of 1 approvals from others',
    });
    const blocked = prReviews(
      pull({
        reviews: [
          review('bob', 'APPROVED', '2026-11-20T00:00:00Z'),
          review('carol', 'CHANGES_REQUESTED', '2026-11-21T00:00:00Z'),
        ],
      }),
      settings,
    );
    expect(blocked[0]?.severity).toBe('warn');
    expect(blocked[0]?.message).toContain('Changes requested by @carol.');
  });

  it('uses the required count from settings', () => {
    const two = defaultSettings();
    two.process.requiredApprovals = 2;
    expect(
      prReviews(pull({ reviews: [review('bob', 'APPROVED', '2026-11-20T00:00:00Z')] }), two)[0]
        ?.title,
    ).toBe('Approvals from others: 1 of 2');
  });

  it('says how a merged pull request was merged', () => {
    expect(prReviews(pull({ state: 'closed', merged: true }), settings)[0]?.title).toBe(
      'Merged with 0 of 1 approvals',
    );
  });
});

describe('branch rules', () => {
  it('pr.not-from-fork when the head branch lives in the org repository', () => {
    const findings = prBranchRules(
      pull({
        head: {
          ref: 'fix-typo',
          repo: { fullName: 'p2pu/lernanta', fork: false, defaultBranch: 'master' },
        },
      }),
    );
    expect(findings.map((f) => f.rule)).toEqual(['pr.not-from-fork']);
  });

  it('pr.default-branch when the head is the fork’s default branch', () => {
    const findings = prBranchRules(
      pull({
        head: {
          ref: 'master',
          repo: { fullName: 'alice/lernanta', fork: true, defaultBranch: 'master' },
        },
      }),
    );
    expect(findings.map((f) => f.rule)).toEqual(['pr.default-branch']);
  });

  it('both on a PR from the org repository’s default branch; none from a fork’s feature branch or a deleted fork', () => {
    const both = prBranchRules(
      pull({
        head: {
          ref: 'master',
          repo: { fullName: 'P2PU/lernanta', fork: false, defaultBranch: 'master' },
        },
      }),
    );
    expect(both.map((f) => f.rule)).toEqual(['pr.not-from-fork', 'pr.default-branch']);
    expect(prBranchRules(pull())).toEqual([]);
    expect(prBranchRules(pull({ head: { ref: 'x', repo: null } }))).toEqual([]);
  });
});

describe('pr.no-card', () => {
  it('fires with the create-card action when nothing links a card', () => {
    expect(prNoCard(pull())).toMatchObject([{ rule: 'pr.no-card', action: 'create-card-for-pr' }]);
  });

  it('is quiet when the body, a comment or a board card links it', () => {
    expect(prNoCard(pull({ body: 'Card: https://trello.com/c/AbCd1234/12-x' }))).toEqual([]);
    expect(
      prNoCard(pull({ comments: [comment('bob', `Moved ${cardMarker('AbCd1234')}`)] })),
    ).toEqual([]);
    expect(prNoCard(pull({ boardCard: 'AbCd1234' }))).toEqual([]);
  });

  it('says on the button and in its details exactly what one click writes, and where', () => {
    const [finding] = prNoCard(
      pull({ title: 'Add badges', cardBoard: { shortLink: 'LeRnAnTa', name: 'Lernanta' } }),
    );
    expect(finding?.actionLabel).toBe('Create card in “Lernanta”');
    expect(finding?.advice).toBe(
      'One click writes two things: a card “Add badges” in the list “In progress” of the Trello board “Lernanta”, with this pull request attached; and a comment on this pull request linking the card.',
    );
    // Board not read (Trello not connected): named by its short link.
    const [unread] = prNoCard(
      pull({ boardCard: undefined, cardBoard: { shortLink: 'LeRnAnTa', name: '' } }),
    );
    expect(unread?.actionLabel).toContain('“LeRnAnTa”');
    expect(unread?.advice).toContain('Needs Trello connected');
  });

  it('says when the board could not be checked', () => {
    expect(prNoCard(pull({ boardCard: undefined }))[0]?.advice).toContain('needs Trello connected');
  });

  it('is one of the pull request findings', () => {
    expect(evaluatePull(pull(), settings).map((f) => f.rule)).toEqual([
      'pr.reviews',
      'pr.reviews',
      'pr.no-card',
    ]);
  });
});

describe('pr.on-card', () => {
  it('shows the linked card with its https link: from the description first, else the board', () => {
    expect(
      prOnCard(pull({ body: 'https://trello.com/c/AbCd1234', boardCard: 'XyZw9876' })),
    ).toEqual([
      expect.objectContaining({
        rule: 'pr.on-card',
        severity: 'ok',
        title: 'On Trello card AbCd1234',
        link: 'https://trello.com/c/AbCd1234',
      }),
    ]);
    expect(prOnCard(pull({ boardCard: 'XyZw9876' }))[0]?.link).toBe(
      'https://trello.com/c/XyZw9876',
    );
  });

  it('replaces pr.no-card once a card is linked, and is silent before', () => {
    expect(prOnCard(pull())).toEqual([]);
    expect(evaluatePull(pull({ boardCard: 'XyZw9876' }), settings).map((f) => f.rule)).toEqual([
      'pr.reviews',
      'pr.reviews',
      'pr.on-card',
    ]);
  });
});

describe('issue.needs-card', () => {
  it('scores a small issue as simple, still offering the move button', () => {
    const [finding, ...rest] = evaluateIssue(issue(), settings, NOW);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'issue.needs-card',
      severity: 'ok',
      action: 'move-issue-to-card',
    });
    expect(finding?.message).toContain('Score 0');
  });

  it('names every signal that fired, with its value', () => {
    const big = issue({
      body: `${'x'.repeat(1600)}\n- [ ] a\n- [ ] b\n- [x] c`,
      labels: ['Discussion', 'bug'],
      createdAt: '2026-09-01T00:00:00Z',
      comments: ['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd', 'a', 'b'].map((u) => comment(u, 'hm')),
    });
    const [finding] = evaluateIssue(big, settings, NOW);
    expect(finding?.severity).toBe('warn');
    expect(finding?.title).toBe(
      'Looks too big for an issue (body, comments, participants, labels, task list, age)',
    );
    expect(finding?.message).toContain('comments: 10 (+2)');
    expect(finding?.message).toContain('participants: 5 (+2)');
    expect(finding?.message).toContain('labels: Discussion (+2)');
    expect(finding?.message).toContain('task list: 3 items (+1)');
    expect(finding?.message).toContain('Score 10 (a card from 3)');
  });

  it('fires exactly at the threshold from settings, with configurable labels', () => {
    const custom = defaultSettings();
    custom.process.needsCard = { score: 2, labels: ['epic'] };
    expect(evaluateIssue(issue({ labels: ['epic'] }), custom, NOW)[0]?.severity).toBe('warn');
    expect(evaluateIssue(issue({ labels: ['discussion'] }), custom, NOW)[0]?.severity).toBe('ok');
  });
});

describe('issue.on-card', () => {
  it('shows the card when the issue is already linked to one (marker or URL)', () => {
    const [finding, ...rest] = evaluateIssue(
      issue({
        comments: [
          comment('demo', `Moved to https://trello.com/c/AbCd1234 ${cardMarker('AbCd1234')}`),
        ],
      }),
      settings,
      NOW,
    );
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'issue.on-card',
      severity: 'ok',
      title: 'On Trello card AbCd1234',
      link: 'https://trello.com/c/AbCd1234',
      action: 'move-issue-to-card', // the move button is always on the issue page
    });
  });
});

describe('links in text', () => {
  it('finds cards and pull requests, once each', () => {
    expect(
      cardLinksIn([
        'see https://trello.com/c/AbCd1234/1-x and https://trello.com/c/AbCd1234',
        cardMarker('XyZw9876'),
      ]),
    ).toEqual(['AbCd1234', 'XyZw9876']);
    expect(
      pullLinksIn([
        'https://github.com/p2pu/lernanta/pull/41, https://github.com/p2pu/lernanta/pull/41/files',
      ]),
    ).toEqual([{ owner: 'p2pu', repo: 'lernanta', number: 41 }]);
    expect(
      pullLinksIn([
        'https://github.com/p2pu/lernanta/issues/41',
        'https://evil.example/p2pu/x/pull/1',
      ]),
    ).toEqual([]);
  });
});
