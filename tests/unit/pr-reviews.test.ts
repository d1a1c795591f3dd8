import { describe, expect, it } from 'vitest';
import type { PullStatus } from '../../utils/github/snapshot';
import type { Severity } from '../../utils/process/findings';
import { cardPullFinding } from '../../utils/process/rules/card-pull';
import { evaluatePull } from '../../utils/process/rules/index';
import { pullRowFinding, reviewDecision } from '../../utils/process/rules/pr-reviews';
import { defaultSettings } from '../../utils/process/settings';
import { pull, review } from '../fixtures/github';

const settings = defaultSettings(); // 1 approval required
const APPROVED = [review('bob', 'APPROVED', '2026-11-20T00:00:00Z')];

type State = PullStatus['state'];

function status(state: State, met: boolean): PullStatus {
  return {
    owner: 'p2pu',
    repo: 'lernanta',
    number: 41,
    state,
    approvals: met ? ['bob'] : [],
    changesRequested: [],
    required: 1,
    fetchedAt: 0,
  };
}

/** The same pull request as each of the three places sees it. */
function severities(state: State, met: boolean): Record<string, Severity | undefined> {
  const snapshot = pull({
    state: state === 'open' ? 'open' : 'closed',
    merged: state === 'merged',
    reviews: met ? APPROVED : [],
  });
  const onPage = evaluatePull(snapshot, settings).filter((f) => f.rule === 'pr.reviews');
  expect(new Set(onPage.map((f) => f.severity)).size).toBe(1); // header and merge box agree
  return {
    decision: reviewDecision(status(state, met)).severity,
    page: onPage[0]?.severity,
    row: pullRowFinding('p2pu', 'lernanta', 41, status(state, met)).severity,
    card: cardPullFinding('LeRnAnTa', 'Card0041', status(state, met)).severity,
  };
}

const everywhere = (severity: Severity) => ({
  decision: severity,
  page: severity,
  row: severity,
  card: severity,
});

describe('pr.reviews: one decision for the PR page, the PR list rows and Trello cards', () => {
  it.each([
    ['open', true, 'ok'],
    ['open', false, 'warn'],
    ['merged', true, 'ok'],
    ['merged', false, 'ok'],
    ['closed', true, 'info'],
    ['closed', false, 'info'],
  ] as const)('%s, approvals met: %s → %s', (state, met, severity) => {
    expect(severities(state, met)).toEqual(everywhere(severity));
  });

  it('changes requested keep approvals from being met', () => {
    expect(
      reviewDecision({
        state: 'open',
        approvals: ['bob'],
        changesRequested: ['carol'],
        required: 1,
      }),
    ).toEqual({ met: false, severity: 'warn' });
  });

  it('a PR list row shows k of N and who approved', () => {
    expect(
      pullRowFinding('p2pu', 'lernanta', 42, {
        ...status('open', true),
        number: 42,
        changesRequested: ['carol'],
      }),
    ).toEqual({
      rule: 'pr.reviews',
      severity: 'warn',
      subject: 'p2pu/lernanta#42',
      anchor: { kind: 'pr-row', number: 42 },
      title: 'Approvals: 1 of 1',
      message: 'Approvals from others: 1 of 1 (@bob). Changes requested by @carol.',
    });
    expect(pullRowFinding('p2pu', 'lernanta', 42, status('open', false)).message).toBe(
      'Approvals from others: 0 of 1.',
    );
  });
});
