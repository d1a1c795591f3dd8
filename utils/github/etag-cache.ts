/**
 * GitHub reads in the background through a cache of ETags kept in storage.session: no more than
 * one request per resource per minute, then conditional requests (see docs/architecture.md,
 * "Data and caches").
 */
import { browser } from 'wxt/browser';
import { ok, type Result } from '../result';
import { type GitHubClient, gitHubError } from './client';

/** Answers younger than this are used without asking GitHub at all. */
export const FRESH_MS = 60_000;

interface Cached {
  etag?: string;
  data: unknown;
  fetchedAt: number;
  /** The list had more than one page: only the first page's ETag is kept. */
  morePages?: boolean;
}

export interface Fetched<T> {
  data: T;
  fetchedAt: number;
}

type Params = Record<string, string | number>;

const cacheKey = (route: string, params: Params) => `gh:${route}:${JSON.stringify(params)}`;

const hasNextPage = (link: string | undefined) => /rel="next"/.test(link ?? '');

/**
 * GET `route` with `params`, at most once a minute; after that a conditional request whose 304
 * reuses the cached body. With `allPages`, a list is read to its last page (octokit's paginate);
 * the ETag is the first page's, so when a longer list's first page is unchanged the pages after
 * it are read again (new items land at the end).
 */
export async function cachedGet<T>(
  client: GitHubClient,
  route: string,
  params: Params,
  now = Date.now,
  {
    allPages = false,
    keep = (data) => data,
    fresh = false,
  }: {
    allPages?: boolean;
    /** What of the answer to keep (storage.session holds 10 MB; a list of 100 PRs is ~2 MB). */
    keep?: (data: unknown) => unknown;
    /** Ask GitHub even within the minute (still conditional: a 304 means the body is current). */
    fresh?: boolean;
  } = {},
): Promise<Result<Fetched<T>>> {
  const key = cacheKey(route, params);
  const cached = (await browser.storage.session.get(key))[key] as Cached | undefined;
  if (cached && !fresh && now() - cached.fetchedAt < FRESH_MS)
    return ok({ data: cached.data as T, fetchedAt: cached.fetchedAt });
  const laterPages = async () =>
    keep(await client.paginate(route, { ...params, page: 2 })) as unknown[];
  const save = async (entry: Cached) => {
    await browser.storage.session.set({ [key]: entry });
    return ok({ data: entry.data as T, fetchedAt: entry.fetchedAt });
  };
  try {
    const response = await client.request(route, {
      ...params,
      headers: cached?.etag ? { 'if-none-match': cached.etag } : {},
    });
    const morePages =
      allPages && Array.isArray(response.data) && hasNextPage(response.headers.link);
    const data = morePages
      ? [...(keep(response.data) as unknown[]), ...(await laterPages())]
      : keep(response.data);
    return await save({ etag: response.headers.etag, data, fetchedAt: now(), morePages });
  } catch (error) {
    if ((error as { status?: number }).status !== 304 || !cached)
      return { ok: false, error: gitHubError(error, now()) };
    try {
      const data =
        cached.morePages && Array.isArray(cached.data)
          ? [...cached.data.slice(0, Number(params.per_page)), ...(await laterPages())]
          : cached.data;
      return await save({ ...cached, data, fetchedAt: now() });
    } catch (later) {
      return { ok: false, error: gitHubError(later, now()) };
    }
  }
}

/** After a write: the next read of this resource asks GitHub again. */
export async function forgetCached(route: string, params: Params): Promise<void> {
  await browser.storage.session.remove(cacheKey(route, params));
}
