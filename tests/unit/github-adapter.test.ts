import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failedAction, type PageRuntime, type SiteView } from '../../utils/dom/page-runtime';
import { createCardForPull, gitHubAdapter, listRows } from '../../utils/github/page-hints';
import type { GitHubPage } from '../../utils/github/pages';
import { send } from '../../utils/messaging';
import type { Finding } from '../../utils/process/findings';

vi.mock('../../utils/messaging', () => ({ send: vi.fn() }));

const pullList = { kind: 'pull-list', owner: 'p2pu', repo: 'lernanta' } as const;
const pull = { kind: 'pull', owner: 'p2pu', repo: 'lernanta', number: 41 } as const;
const issue = { kind: 'issue', owner: 'p2pu', repo: 'lernanta', number: 43 } as const;

/** Links as GitHub's pull-request list has them (parsed, not injected). */
function rows(...hrefs: string[]): void {
  const html = hrefs.map((href) => `<a href="${href}">row</a>`).join('');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(...document.importNode(parsed.body, true).childNodes);
}

const finding = (action: Finding['action'], rule: Finding['rule'] = 'pr.on-card'): Finding => ({
  rule,
  severity: 'warn',
  subject: 'p2pu/lernanta#41',
  anchor: { kind: 'header' },
  title: 'No card',
  message: 'Create one.',
  action,
});

function adapter(page: GitHubPage | undefined = issue) {
  const runtime = {
    page: () => page,
    view: () => ({ findings: [] }),
    render: vi.fn(),
    follow: vi.fn(async () => {}),
  };
  return {
    runtime,
    github: gitHubAdapter(runtime as unknown as PageRuntime<GitHubPage, SiteView>),
  };
}

beforeEach(() => {
  vi.mocked(send).mockReset();
  document.head.replaceChildren();
  document.body.replaceChildren();
});

describe('GitHub pull-request list rows', () => {
  it('are the numbers of this repository’s pull links, once each, in page order', () => {
    rows(
      '/p2pu/lernanta/pull/41',
      '/p2pu/lernanta/pull/7',
      '/p2pu/lernanta/pull/41',
      '/p2pu/lernanta/pull/12/files',
      '/other/repo/pull/3',
      '/p2pu/lernanta/issues/5',
    );
    expect(listRows(pullList)).toBe('41,7');
  });

  it('are at most 50', () => {
    rows(...Array.from({ length: 60 }, (_, i) => `/p2pu/lernanta/pull/${i + 1}`));
    expect(listRows(pullList).split(',')).toHaveLength(50);
  });
});

describe('GitHub adapter', () => {
  it('takes the page from the URL', () => {
    const { github } = adapter();
    expect(github.pageOf('https://github.com/p2pu/lernanta/pull/41/files', undefined)).toEqual(
      pull,
    );
    expect(github.pageOf('https://github.com/p2pu/lernanta/pulls', undefined)).toEqual(pullList);
    expect(github.pageOf('https://github.com/p2pu/lernanta', undefined)).toBeUndefined();
  });

  it('reads a pull-request list again only when other rows arrived', async () => {
    vi.mocked(send).mockResolvedValue({ ok: true, value: [] } as never);
    const { github } = adapter(pullList);
    const settings = { get: async () => ({}) } as never;
    rows('/p2pu/lernanta/pull/41');
    await github.load(pullList, { settings, fresh: false });
    expect(github.revisit?.(pullList)).toBe('re-place');
    rows('/p2pu/lernanta/pull/41', '/p2pu/lernanta/pull/42');
    expect(github.revisit?.(pullList)).toBe('re-read');
    expect(github.revisit?.(pull)).toBe('re-place');
  });

  it('shows no loading placeholder on a pull-request list (the badges stay)', () => {
    const { github } = adapter();
    expect(github.loading(pullList)).toBeUndefined();
    expect(github.loading(issue)).toMatchObject({
      rule: 'source.loading',
      action: 'move-issue-to-card',
    });
  });

  it('opens the move dialog itself; only card creation is a tracked action', () => {
    const { github, runtime } = adapter(issue);
    const move = finding('move-issue-to-card', 'issue.on-card');
    expect(github.intercept?.(move, issue)).toBe(true);
    expect(runtime.render).toHaveBeenCalled();
    expect(github.intercept?.(finding('create-card-for-pr'), pull)).toBe(false);
    expect(github.intercept?.(finding('add-missing-lists'), pull)).toBe(true);
    expect(github.intercept?.(finding('create-card-for-pr'), pullList)).toBe(true);
  });

  it('reads the issue again first when the move button is clicked after a failed read', () => {
    const { github, runtime } = adapter(issue);
    github.intercept?.(finding('move-issue-to-card', 'source.unavailable'), issue);
    expect(runtime.follow).toHaveBeenCalledWith(location.href, true);
  });
});

describe('GitHub card creation', () => {
  it('asks the background with IDs and the signed-in user; the new card’s hint says so', async () => {
    const meta = document.createElement('meta');
    meta.name = 'user-login';
    meta.content = 'octocat';
    document.head.append(meta);
    vi.mocked(send).mockResolvedValue({ ok: true, value: { shortLink: 'AbCd1234' } } as never);
    const outcome = await createCardForPull(pull);
    expect(send).toHaveBeenCalledWith({
      type: 'github.createCardForPull',
      owner: 'p2pu',
      repo: 'lernanta',
      number: 41,
      pageUser: 'octocat',
    });
    if (!outcome.ok) throw new Error('expected a card');
    expect(outcome.value).toMatchObject({
      message: 'Card created:',
      link: 'https://trello.com/c/AbCd1234',
      readAgain: 'reopen',
    });
    const onCard = finding(undefined, 'pr.on-card');
    expect(outcome.value.messageOn?.([finding(undefined, 'pr.reviews'), onCard])).toBe(onCard);
  });

  it('passes the background’s error on', async () => {
    const error = { code: 'not-connected', message: 'Connect Trello first.' } as const;
    vi.mocked(send).mockResolvedValue({ ok: false, error } as never);
    expect(await createCardForPull(pull)).toEqual({ ok: false, error });
    expect(failedAction(error, adapter().github.connection)).toEqual({
      state: 'failed',
      message: 'Connect Trello first.',
      advice: 'Fix it in the Process Lens options page.',
      needsConnection: true,
    });
  });
});
