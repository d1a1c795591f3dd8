import { describe, expect, it } from 'vitest';
import {
  boardLoading,
  gitHubLoading,
  sourceLoading,
} from '../../utils/process/rules/source-loading';
import {
  boardUnavailable,
  gitHubUnavailable,
  sourceUnavailable,
} from '../../utils/process/rules/source-unavailable';

const issuePage = { kind: 'issue', owner: 'p2pu', repo: 'lernanta', number: 43 } as const;
const pullPage = { kind: 'pull', owner: 'p2pu', repo: 'lernanta', number: 41 } as const;
const listPage = { kind: 'pull-list', owner: 'p2pu', repo: 'lernanta' } as const;

describe('source.unavailable', () => {
  it('a Trello board: an error, or a wait (warn) under a rate limit, with what to do', () => {
    expect(boardUnavailable('LeRnAnTa', { code: 'not-found', message: 'Board not found' })).toEqual(
      {
        rule: 'source.unavailable',
        severity: 'error',
        subject: 'LeRnAnTa',
        anchor: { kind: 'board', board: 'LeRnAnTa' },
        title: 'Process Lens cannot read this board',
        message: 'Board not found',
        advice:
          'Check the board address, or ask a board admin to add you; if the board is private, connect Trello in the options page.',
      },
    );
    expect(
      boardUnavailable('LeRnAnTa', { code: 'rate-limited', message: 'Slow down' }),
    ).toMatchObject({ severity: 'warn', title: 'Waiting for Trello (rate limit)' });
  });

  it('GitHub: on the page’s header, with the move button on an issue page only', () => {
    const error = { code: 'not-found', message: 'Not Found' } as const;
    expect(gitHubUnavailable(issuePage, error)).toEqual({
      action: 'move-issue-to-card',
      rule: 'source.unavailable',
      severity: 'error',
      subject: 'p2pu/lernanta#43',
      anchor: { kind: 'header' },
      title: 'Process Lens cannot read this from GitHub',
      message: 'Not Found',
      advice:
        'If the repository is private, Process Lens needs a GitHub token that can see it (options page).',
    });
    expect(gitHubUnavailable(pullPage, error).action).toBeUndefined();
    expect(
      gitHubUnavailable(listPage, { code: 'rate-limited', message: 'API rate limit' }),
    ).toMatchObject({ subject: 'p2pu/lernanta', title: 'GitHub rate limit reached' });
  });

  it('its rule builds the same findings', () => {
    const error = { code: 'network', message: 'offline' } as const;
    expect(sourceUnavailable.evaluate({ site: 'trello', board: 'LeRnAnTa', error })).toEqual([
      boardUnavailable('LeRnAnTa', error),
    ]);
    expect(sourceUnavailable.evaluate({ site: 'github', page: pullPage, error })).toEqual([
      gitHubUnavailable(pullPage, error),
    ]);
  });
});

describe('source.loading', () => {
  it('says the board or the page is being read (info)', () => {
    expect(boardLoading('LeRnAnTa')).toMatchObject({
      rule: 'source.loading',
      severity: 'info',
      anchor: { kind: 'board', board: 'LeRnAnTa' },
      title: 'Checking this board against the process…',
    });
    expect(gitHubLoading(issuePage)).toMatchObject({
      rule: 'source.loading',
      severity: 'info',
      subject: 'p2pu/lernanta#43',
      action: 'move-issue-to-card',
      title: 'Checking against the process…',
    });
    expect(sourceLoading.evaluate({ site: 'github', page: pullPage })).toEqual([
      gitHubLoading(pullPage),
    ]);
  });
});
