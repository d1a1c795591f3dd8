import { describe, expect, it } from 'vitest';
import type { PullStatus } from '../../utils/github/snapshot';
import { cardPullFindings } from '../../utils/process/rules/card-pull';
import type { Result } from '../../utils/result';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const link = (number: number) => ({
  card: `Card${String(number).padStart(4, '0')}`,
  pull: { owner: 'p2pu', repo: 'lernanta', number },
});

function status(number: number, extra: Partial<PullStatus> = {}): Result<PullStatus> {
  return {
    ok: true,
    value: {
      owner: 'p2pu',
      repo: 'lernanta',
      number,
      state: 'open',
      approvals: [],
      changesRequested: [],
      required: 2,
      fetchedAt: NOW,
      ...extra,
    },
  };
}

const one = (answer: Result<PullStatus>, number = 41) => {
  const findings = cardPullFindings('LeRnAnTa', [link(number)], [answer]);
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('a card’s pull request badge', () => {
  it('an open PR shows k of N approvals: warn below N, ok at N', () => {
    expect(one(status(41, { approvals: ['bob'] }))).toMatchObject({
      rule: 'pr.reviews',
      severity: 'warn',
      subject: 'Card0041',
      anchor: { kind: 'card', board: 'LeRnAnTa', card: 'Card0041' },
      title: 'PR #41: 1 of 2 approvals',
      message: 'p2pu/lernanta#41: approved by @bob.',
    });
    expect(one(status(41, { approvals: ['bob', 'carol'] }))).toMatchObject({
      severity: 'ok',
      title: 'PR #41: 2 of 2 approvals',
    });
  });

  it('changes requested keep it at warn, and name who asked', () => {
    const finding = one(status(41, { approvals: ['bob', 'carol'], changesRequested: ['dan'] }));
    expect(finding).toMatchObject({ severity: 'warn', title: 'PR #41: 2 of 2 approvals' });
    expect(finding?.message).toContain('changes requested by @dan');
  });

  it('a merged PR is ok, a closed one is info', () => {
    expect(one(status(41, { state: 'merged' }))).toMatchObject({
      severity: 'ok',
      title: 'PR #41 merged',
    });
    expect(one(status(41, { state: 'closed' }))).toMatchObject({
      severity: 'info',
      title: 'PR #41 closed',
    });
  });

  it('a status that could not be read says so and why, with the rate limit’s reset time', () => {
    const retryAt = new Date(2026, 10, 25, 9, 5).getTime(); // 09:05 in the reader's zone
    const at = '09:05';
    const limited = one({
      ok: false,
      error: { code: 'rate-limited', message: `GitHub rate limit reached until ${at}.`, retryAt },
    });
    expect(limited).toMatchObject({
      rule: 'pr.reviews',
      severity: 'info',
      subject: 'Card0041',
      title: `PR #41: not read, GitHub rate limit until ${at}`,
    });
    expect(limited?.message).toContain('could not read the review status of p2pu/lernanta#41');
    expect(
      one({ ok: false, error: { code: 'not-found', message: 'GitHub found nothing here (404).' } }),
    ).toMatchObject({ severity: 'info', title: 'PR #41: review status not read' });
  });

  it('keeps each answer with its own card, in order', () => {
    const findings = cardPullFindings(
      'LeRnAnTa',
      [link(41), link(42)],
      [
        { ok: false, error: { code: 'network', message: 'Could not reach GitHub.' } },
        status(42, { approvals: ['bob', 'carol'] }),
      ],
    );
    expect(findings.map((f) => [f.subject, f.severity])).toEqual([
      ['Card0041', 'info'],
      ['Card0042', 'ok'],
    ]);
  });
});
