import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createGitHubClient } from '../../utils/github/client';
import { readPullStatuses } from '../../utils/github/data';
import { cachedGet, FRESH_MS } from '../../utils/github/etag-cache';
import { countReviews } from '../../utils/process/reviews';

const API = 'https://api.github.com';
const REVIEWS = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const PARAMS = { owner: 'p2pu', repo: 'lernanta', pull_number: 42, per_page: 100 };

let now = 1_000_000;
const clock = () => now;

interface Seen {
  url: string;
  ifNoneMatch: string | null;
}

/** A fake api.github.com: pages of 100 with a Link header, ETags per page, 304 when they match. */
function fakeGitHub(items: () => unknown[]) {
  const seen: Seen[] = [];
  const etagOf = (body: string) => `"${body.length}-${body.slice(-20)}"`;
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const ifNoneMatch = new Headers(init?.headers).get('if-none-match');
    seen.push({ url, ifNoneMatch });
    const query = new URL(url).searchParams;
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    const all = items();
    const body = JSON.stringify(all.slice((page - 1) * perPage, page * perPage));
    const etag = etagOf(body);
    if (ifNoneMatch === etag) return new Response(null, { status: 304, headers: { etag } });
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': 'application/json',
        etag,
        ...(page < last ? { link: `<${next}>; rel="next"` } : {}),
      },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return seen;
}

const review = (i: number) => ({ id: i, user: { login: `u${i}` }, state: 'COMMENTED' });

beforeEach(() => {
  fakeBrowser.reset();
  vi.unstubAllGlobals();
  now = 1_000_000;
});

describe('conditional, cached GET', () => {
  it('asks at most once a minute, then with if-none-match; a 304 keeps the cached body', async () => {
    const reviews = [review(1)];
    const seen = fakeGitHub(() => reviews);
    const client = createGitHubClient('');
    const first = await cachedGet<unknown[]>(client, REVIEWS, PARAMS, clock);
    expect(first).toEqual({ ok: true, value: { data: reviews, fetchedAt: now } });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.ifNoneMatch).toBeNull();
    expect(seen[0]?.url).toBe(`${API}/repos/p2pu/lernanta/pulls/42/reviews?per_page=100`);

    now += FRESH_MS - 1;
    await cachedGet(client, REVIEWS, PARAMS, clock);
    expect(seen).toHaveLength(1); // within the minute: no request at all

    now += 1;
    const again = await cachedGet<unknown[]>(client, REVIEWS, PARAMS, clock);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.ifNoneMatch).toMatch(/^".+"$/);
    expect(again).toEqual({ ok: true, value: { data: reviews, fetchedAt: now } });

    // A new answer (200) replaces the cache, and the clock starts again.
    reviews.push(review(2));
    now += FRESH_MS;
    const changed = await cachedGet<unknown[]>(client, REVIEWS, PARAMS, clock);
    expect(changed.ok && changed.value.data).toHaveLength(2);
    now += FRESH_MS - 1;
    await cachedGet(client, REVIEWS, PARAMS, clock);
    expect(seen).toHaveLength(3);
  });

  it('does not keep failures', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"message":"Not Found"}', { status: 404 })),
    );
    const client = createGitHubClient('');
    const result = await cachedGet(client, REVIEWS, PARAMS, clock);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });
});

describe('lists longer than a page', () => {
  it('reads every page, and after an unchanged first page (304) reads the later pages again', async () => {
    const reviews = Array.from({ length: 150 }, (_, i) => review(i + 1));
    const seen = fakeGitHub(() => reviews);
    const client = createGitHubClient('');
    const first = await cachedGet<unknown[]>(client, REVIEWS, PARAMS, clock, { allPages: true });
    expect(first.ok && first.value.data).toHaveLength(150);
    expect(seen.map((s) => new URL(s.url).searchParams.get('page'))).toEqual([null, '2']);

    reviews.push(review(151)); // lands on page 2; page 1 is unchanged
    now += FRESH_MS;
    const again = await cachedGet<unknown[]>(client, REVIEWS, PARAMS, clock, { allPages: true });
    expect(again.ok && again.value.data).toHaveLength(151);
    expect(again.ok && again.value.data.at(-1)).toEqual(review(151));
    expect(
      seen.slice(2).map((s) => [new URL(s.url).searchParams.get('page'), !!s.ifNoneMatch]),
    ).toEqual([
      [null, true],
      ['2', false],
    ]);
  });

  it('reads only the first page when not asked for all', async () => {
    const seen = fakeGitHub(() => Array.from({ length: 150 }, (_, i) => review(i + 1)));
    const result = await cachedGet<unknown[]>(createGitHubClient(''), REVIEWS, PARAMS, clock);
    expect(result.ok && result.value.data).toHaveLength(100);
    expect(seen).toHaveLength(1);
  });
});

describe('review status of many pull requests', () => {
  const pullJson = (number: number, state = 'open') => ({
    number,
    state,
    merged_at: state === 'closed' ? '2026-11-20T00:00:00Z' : null,
    user: { login: 'alice' },
    head: { ref: `f${number}`, sha: `sha${number}`, repo: { full_name: 'alice/lernanta' } },
    base: { ref: 'master', repo: { full_name: 'p2pu/lernanta' } },
  });

  /** Routes of a fake api.github.com; `limited` PR numbers answer their reviews with a rate limit. */
  function fakeApi(open: number[], limited: number[] = []) {
    const paths: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const { pathname } = new URL(url);
        paths.push(pathname);
        const reviews = /\/pulls\/(\d+)\/reviews$/.exec(pathname);
        if (reviews && limited.includes(Number(reviews[1])))
          return new Response('{"message":"API rate limit exceeded"}', {
            status: 403,
            headers: {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
            },
          });
        if (reviews)
          return Response.json([{ user: { login: 'bob' }, state: 'APPROVED', commit_id: 'x' }]);
        const one = /\/pulls\/(\d+)$/.exec(pathname);
        if (one) return Response.json(pullJson(Number(one[1]), 'closed'));
        return Response.json(open.map((n) => pullJson(n)));
      }),
    );
    return paths;
  }

  const refs = (...numbers: number[]) =>
    numbers.map((number) => ({ owner: 'p2pu', repo: 'lernanta', number }));

  it('costs one list request for the repository, then one reviews request per PR', async () => {
    const paths = fakeApi([1, 2, 3]);
    const answers = await readPullStatuses(
      createGitHubClient(''),
      refs(1, 2, 3, 9),
      1,
      countReviews,
      clock,
    );
    expect(answers.map((a) => a.ok && [a.value.number, a.value.state, a.value.approvals])).toEqual([
      [1, 'open', ['bob']],
      [2, 'open', ['bob']],
      [3, 'open', ['bob']],
      [9, 'merged', ['bob']], // not in the open list: read on its own
    ]);
    const base = '/repos/p2pu/lernanta/pulls';
    expect(paths).toEqual([
      base,
      `${base}/1/reviews`,
      `${base}/2/reviews`,
      `${base}/3/reviews`,
      `${base}/9`,
      `${base}/9/reviews`,
    ]);
    // Within the minute, nothing is asked again.
    await readPullStatuses(createGitHubClient(''), refs(1, 2, 3, 9), 1, countReviews, clock);
    expect(paths).toHaveLength(6);
  });

  it('stops at the first rate-limited answer: the rest get the same answer, unasked', async () => {
    const paths = fakeApi([1, 2, 3, 4], [2]);
    const answers = await readPullStatuses(
      createGitHubClient(''),
      refs(1, 2, 3, 4),
      1,
      countReviews,
      clock,
    );
    expect(answers[0]?.ok).toBe(true);
    const limited = answers.slice(1).map((a) => (a.ok ? undefined : a.error));
    expect(limited.map((e) => e?.code)).toEqual(['rate-limited', 'rate-limited', 'rate-limited']);
    expect(new Set(limited.map((e) => e?.message)).size).toBe(1);
    expect(paths.filter((p) => p.includes('/3') || p.includes('/4'))).toEqual([]);
  });
});
