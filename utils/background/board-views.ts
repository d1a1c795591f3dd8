/**
 * A Trello board's hints, made in the background (docs/architecture.md, "Page runtime"): the
 * board is read with the trello.com session (the host permission lets the background's fetch
 * carry its cookies), or else the token path, checked and evaluated here, off the page's thread;
 * the page gets the findings only. The read starts as soon as the board's page starts loading
 * (`board.prefetch`, from its content script at document_start); its answers are then held,
 * unparsed, until the page asks for the view (`board.view`, from the hints script, which comes
 * once the page is parsed): checking a big board is some 150 ms of CPU, and on a machine of few
 * cores that slowed the page's own parsing by as much again (docs/benchmarks-history.md).
 */

import type { FetchLike } from '../http';
import type { MessageOf } from '../messages';
import { fail, ok, type Result } from '../result';
import {
  type BoardViewData,
  boardView,
  type ReadBoard,
  sessionThenToken,
} from '../trello/board-view';
import type { RateLimiter } from '../trello/rate-limit';
import { readBoardWithSession } from '../trello/session-read';
import { sessionLimiter } from './clients';
import type { From } from './router';
import type { Services } from './services';

/** Both messages read with the trello.com session: only a trello.com page may send them. */
function fromTrello(from: From | undefined): boolean {
  return from?.kind === 'content' && from.origin === 'https://trello.com';
}

const NOT_TRELLO = fail('forbidden-sender', 'Only a trello.com page can ask for this.');

/** A read started for a page that then never asks is checked (and cached) after this long. */
const HOLD_MS = 10_000;

/** Statuses whose response cannot carry a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

/** `fetch` that receives the whole answer at once, then waits for `until` before handing it on. */
function heldFetch(fetchImpl: FetchLike, until: Promise<void>): FetchLike {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const body = NO_BODY.has(response.status) ? null : await response.arrayBuffer();
    await until;
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

interface Making {
  view: Promise<Result<BoardViewData>>;
  /** The page asked: the held answers may be checked now. */
  asked: () => void;
}

export function createBoardViews(
  services: Services,
  sessionFetch: FetchLike = (input, init) => fetch(input, init),
  limiter: RateLimiter = sessionLimiter,
) {
  /** Views being made, by board and whether they may wait out a 429: a second ask joins. */
  const making = new Map<string, Making>();

  async function make(
    board: string,
    fresh: boolean,
    mayRetry: boolean,
    fetchImpl: FetchLike = sessionFetch,
  ) {
    const { settings } = await services.trello();
    let refused = false;
    const read: ReadBoard = async (which, options, freshRead) => {
      const attachments = options.attachments ?? false;
      if (!freshRead) {
        const cached = await services.snapshots.get(which, attachments, 'session');
        if (cached) return ok(cached);
      }
      return sessionThenToken(
        async () => {
          const bySession = await readBoardWithSession(
            which,
            options,
            fetchImpl,
            services.now,
            limiter,
            'background',
          );
          if (bySession.ok) await services.snapshots.put(which, attachments, bySession.value);
          return bySession;
        },
        async () => {
          const viaToken = await services.readBoard(which, { attachments, fresh: freshRead });
          if (!viaToken.ok && viaToken.error.code === 'not-connected' && which === board)
            refused = true;
          return viaToken;
        },
      );
    };
    const view = await boardView(board, { settings, read, fresh, mayRetry, now: services.now });
    // Refused with no token to try: the page's own session may still see it (a browser that does
    // not give the background the site's cookies), so the page reads it itself.
    return refused
      ? fail('unauthorized', 'The background’s trello.com session could not read this board.')
      : ok(view);
  }

  /** The view being made for `board`, or a new one; `asked`: the page is waiting for it. */
  function joined(
    board: string,
    mayRetry: boolean,
    asked: boolean,
  ): Promise<Result<BoardViewData>> {
    const key = `${board}:${mayRetry}`;
    let entry = making.get(key);
    if (!entry) {
      let open = () => {};
      const until = new Promise<void>((resolve) => {
        open = resolve;
      });
      const view = make(board, false, mayRetry, heldFetch(sessionFetch, until))
        .catch(() => fail('internal', 'Process Lens could not check this board.'))
        .finally(() => making.delete(key));
      entry = { view, asked: open };
      making.set(key, entry);
      if (!asked) setTimeout(open, HOLD_MS);
    }
    if (asked) entry.asked();
    return entry.view;
  }

  return {
    /** `board.view`: for trello.com pages only (it reads with the trello.com session). */
    async answer(
      { board, fresh = false, mayRetry = true }: MessageOf<'board.view'>,
      from: From | undefined,
    ): Promise<Result<BoardViewData>> {
      if (!fromTrello(from)) return NOT_TRELLO;
      return fresh ? make(board, true, mayRetry) : joined(board, mayRetry, true);
    },
    /** `board.prefetch`: a trello.com page of this board is loading; start reading it. */
    async prefetch(
      { board }: MessageOf<'board.prefetch'>,
      from: From | undefined,
    ): Promise<Result<null>> {
      if (!fromTrello(from)) return NOT_TRELLO;
      void joined(board, true, false);
      return ok(null);
    },
  };
}
