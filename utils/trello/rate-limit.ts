/**
 * Trello's rate limits, as the project's policy: at most 80 requests per 10 s (Trello allows 100
 * per token), and after a 429 nothing at all until the next window, then backing off
 * 10 → 20 → 40 s. A 429 is never retried at once: a storm of them locks the whole API key out.
 * See docs/architecture.md, "Data and caches".
 */
import { fail, type Result } from '../result';

export const WINDOW_MS = 10_000;
export const MAX_REQUESTS_PER_WINDOW = 80;
const MAX_PAUSE_MS = 40_000;
const MAX_JITTER_MS = 1_000;

/** After a 429 at `since`: no request before `until`; `strikes` counts 429s since the last success. */
export interface Pause {
  since: number;
  until: number;
  strikes: number;
}

/** Where the pause is kept: memory in a page, storage.session in the background (it restarts). */
export interface PauseStore {
  read(): Promise<Pause | undefined>;
  write(pause: Pause | undefined): Promise<void>;
}

export function memoryPauseStore(): PauseStore {
  let pause: Pause | undefined;
  return {
    read: async () => pause,
    write: async (next) => {
      pause = next;
    },
  };
}

/** 10 s, then 20 s, then 40 s for every further 429 in a row; plus jitter. */
export function pauseAfter429(previous: Pause | undefined, now: number, jitter: number): Pause {
  const strikes = (previous?.strikes ?? 0) + 1;
  const wait = Math.min(WINDOW_MS * 2 ** (strikes - 1), MAX_PAUSE_MS);
  return { since: now, until: now + wait + Math.round(jitter * MAX_JITTER_MS), strikes };
}

export interface RateLimiter {
  /** Before a request: refuses while paused; waits while the window is full. Gives the send time. */
  acquire(service: string): Promise<Result<number>>;
  /**
   * After an answer (status 0 when none came): a 429 pauses; a success of a request sent after the
   * last 429 ends the back-off (an older request answering late says nothing about the limit now).
   */
  settle(status: number, sentAt: number): Promise<Pause | undefined>;
}

export function createRateLimiter({
  store = memoryPauseStore(),
  now = () => Date.now(),
  random = Math.random,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}: {
  store?: PauseStore;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
} = {}): RateLimiter {
  const sent: number[] = [];
  return {
    async acquire(service) {
      const pause = await store.read();
      if (pause && pause.until > now()) {
        return fail('rate-limited', `${service} asked Process Lens to slow down.`, {
          retryAt: pause.until,
        });
      }
      for (;;) {
        while (sent.length && (sent[0] ?? 0) <= now() - WINDOW_MS) sent.shift();
        if (sent.length < MAX_REQUESTS_PER_WINDOW) break;
        await sleep((sent[0] ?? now()) + WINDOW_MS - now());
      }
      const sentAt = now();
      sent.push(sentAt);
      return { ok: true, value: sentAt };
    },
    async settle(status, sentAt) {
      const pause = await store.read();
      if (status === 429) {
        // Several requests in flight may all meet the same limit: that is one 429, not several.
        if (pause && sentAt <= pause.since) return pause;
        const next = pauseAfter429(pause, now(), random());
        await store.write(next);
        return next;
      }
      if (pause && sentAt > pause.since && status >= 200 && status < 400) {
        await store.write(undefined);
      }
      return undefined;
    },
  };
}

/** One request through the limiter: refused while Trello has us paused; a 429 starts a pause. */
export async function throughLimiter<T>(
  limiter: RateLimiter | undefined,
  send: () => Promise<Result<T>>,
): Promise<Result<T>> {
  if (!limiter) return send();
  const slot = await limiter.acquire('Trello');
  if (!slot.ok) return slot;
  const result = await send();
  const pause = await limiter.settle(result.ok ? 200 : (result.error.status ?? 0), slot.value);
  return pause && !result.ok
    ? { ...result, error: { ...result.error, retryAt: pause.until } }
    : result;
}
